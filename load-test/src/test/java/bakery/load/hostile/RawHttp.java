package bakery.load.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket, so a request can carry what a well-behaved client refuses to send
 * (broken headers, lying lengths, raw bytes). One request per connection.
 */
final class RawHttp {

    /** What came back: the status (-1: no answer), the header lines and the body as text. */
    record Reply(int status, String head, String body) {

        /** The value the reply sets for the cookie, or null. */
        String setCookie(String name) {
            for (String line : head.split("\r\n")) {
                String prefix = "set-cookie: " + name.toLowerCase() + "=";
                if (line.toLowerCase().startsWith(prefix)) {
                    String v = line.substring(prefix.length());
                    return v.contains(";") ? v.substring(0, v.indexOf(';')) : v;
                }
            }
            return null;
        }
    }

    private final int port;
    private final Duration timeout;

    RawHttp(int port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
    }

    Reply send(String method, String path, String headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers
                    + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    socket.getOutputStream().write(body);
                    socket.getOutputStream().flush();
                } catch (IOException answeredBeforeTheEnd) {
                    // The node refused the body before reading it all (413 for one too large) and closed
                    // the connection; its answer is already on the way back.
                }
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            return new Reply(-1, "", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException endedWithoutClose) {
            // What arrived before the timeout or reset is the answer.
        }
        return out.toByteArray();
    }

    static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.")) {
            return new Reply(-1, "", text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int bodyAt = text.indexOf("\r\n\r\n");
        return bodyAt < 0 ? new Reply(status, text, "")
                : new Reply(status, text.substring(0, bodyAt), text.substring(bodyAt + 4));
    }
}

package bakery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Two test JVMs' Redis servers must never meet on one port, whichever binary runs them. */
class RedisServerIT {

    @Test
    void embeddedServersListenOnThePortsTheyWereGivenAndKeepTheirOwnData() throws IOException {
        try (RedisServer one = RedisServer.embedded(FreePort.next()); RedisServer two = RedisServer.embedded(FreePort.next())) {
            one.start();
            two.start();

            assertThat(command(one.port(), "SET", "cart", "one")).isEqualTo("+OK");
            assertThat(command(two.port(), "GET", "cart")).isEqualTo("$-1");
            assertThat(command(one.port(), "GET", "cart")).isEqualTo("$3");
        }
    }

    @Test
    void aStoppedServerFreesItsPortForTheNextStart() throws IOException {
        try (RedisServer redis = RedisServer.embedded(FreePort.next())) {
            redis.start();
            redis.stop();
            redis.start();
            assertThat(command(redis.port(), "PING")).isEqualTo("+PONG");
        }
    }

    /** Sends one RESP command and returns the first line of the reply. */
    private static String command(int port, String... words) throws IOException {
        StringBuilder resp = new StringBuilder("*" + words.length + "\r\n");
        for (String word : words) {
            resp.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(resp.toString().getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\r' && c != -1; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }
}

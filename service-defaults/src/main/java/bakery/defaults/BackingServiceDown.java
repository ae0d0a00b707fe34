package bakery.defaults;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/** Tells an outage of a server a request needed (refused, closed or timed-out connection) from a bug. */
final class BackingServiceDown {

    /** Failures Vert.x and Netty report without a Java type of their own, by class name. */
    private static final Set<String> CONNECTION_FAILURES = Set.of(
            "io.netty.channel.ConnectTimeoutException",
            "io.vertx.core.http.HttpClosedException",
            "io.vertx.core.net.impl.ConnectionBase$ConnectionClosedException");

    private BackingServiceDown() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException
                    || CONNECTION_FAILURES.contains(t.getClass().getName())
                    || "Connection was closed".equals(t.getMessage())
                    || t.getMessage() != null && t.getMessage().startsWith("LOADING ")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}

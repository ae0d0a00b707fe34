package bakery.defaults;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;

/**
 * Tells an outage of a server a request needed from a bug: a connection refused, reset, closed or
 * timed out, or a client whose connections are all busy. Each is the same to a customer: the server
 * is not answering now, nothing they did is lost, and a retry in a moment will do.
 */
final class BackingServiceDown {

    /**
     * Socket failures ({@link SocketException}: refused, reset, connect timeout, which Netty's
     * {@code ConnectTimeoutException} is), closed channels, a reply that never came and a full pool.
     */
    private static final Set<Class<? extends Throwable>> OUTAGES = Set.of(
            SocketException.class,
            ClosedChannelException.class,
            TimeoutException.class,
            io.smallrye.mutiny.TimeoutException.class,
            HttpClosedException.class,
            ConnectionPoolTooBusyException.class);

    /** Failures reported by types not on every service's class path, by class name. */
    private static final Set<String> OUTAGE_TYPES = Set.of(
            // the epoll transport's "Connection reset by peer"
            "io.netty.channel.unix.Errors$NativeIoException",
            "io.vertx.core.net.impl.ConnectionBase$ConnectionClosedException");

    /**
     * Failures the Vert.x clients report as a bare message: a write on a connection that went away,
     * and the Redis client's commands pending on (or sent to) a connection that closed, or waiting in a
     * full queue.
     */
    private static final Set<String> OUTAGE_MESSAGES = Set.of(
            "Connection was closed",
            "CONNECTION_CLOSED",
            "Connection is closed",
            "Redis waiting queue is full");

    private BackingServiceDown() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Throwable cause = t;
            String message = t.getMessage();
            if (OUTAGES.stream().anyMatch(type -> type.isInstance(cause))
                    || OUTAGE_TYPES.contains(t.getClass().getName())
                    // Redis still loading its data after a restart
                    || message != null && (OUTAGE_MESSAGES.contains(message) || message.startsWith("LOADING "))) {
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

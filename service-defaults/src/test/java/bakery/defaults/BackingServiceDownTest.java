package bakery.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.JsonParseException;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.redis.client.impl.types.ErrorType;
import org.junit.jupiter.api.Test;

class BackingServiceDownTest {

    @Test
    void aRefusedConnectionDeepInTheChainIsAnOutage() {
        Throwable wrapped = new CompletionException(
                new IllegalStateException("cart", new ConnectException("Connection refused: localhost/127.0.0.1:6379")));
        assertThat(BackingServiceDown.causes(wrapped)).isTrue();
        assertThat(BackingServiceDown.describe(wrapped)).contains("Connection refused");
    }

    /**
     * Redis dying with commands unread in its socket resets the connection; the Redis client fails
     * every command waiting on it with what the socket raised, unchanged. This is that failure, raised
     * by a real reset on the JDK's socket channel (the transport Vert.x uses here).
     */
    @Test
    void aConnectionResetUnderACommandIsAnOutage() throws IOException {
        Throwable reset = resetConnection();
        assertThat(reset).isInstanceOf(SocketException.class).hasMessage("Connection reset");

        assertThat(BackingServiceDown.causes(new CompletionException(reset))).isTrue();
        assertThat(BackingServiceDown.describe(reset)).isEqualTo("SocketException: Connection reset");
    }

    /** What the Redis client fails a command with when its connection closed, or closes, or its pool is full. */
    @Test
    void theRedisClientsOwnWordsForAConnectionGoneAreAnOutage() {
        assertThat(BackingServiceDown.causes(ErrorType.create("CONNECTION_CLOSED"))).as("closed under a command").isTrue();
        assertThat(BackingServiceDown.causes(new NoStackTraceThrowable("Connection is closed"))).as("sent on a closed one")
                .isTrue();
        assertThat(BackingServiceDown.causes(new NoStackTraceThrowable("Redis waiting queue is full"))).isTrue();
        assertThat(BackingServiceDown.causes(
                new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 24"))).isTrue();
        assertThat(BackingServiceDown.causes(new ConnectTimeoutException("connection timed out: localhost/127.0.0.1:6379")))
                .isTrue();
        assertThat(BackingServiceDown.causes(new io.smallrye.mutiny.TimeoutException())).as("a reply that never came")
                .isTrue();
    }

    @Test
    void redisStillLoadingItsDataIsAnOutage() {
        assertThat(BackingServiceDown.causes(new RuntimeException("LOADING Redis is loading the dataset in memory"))).isTrue();
    }

    @Test
    void aBugIsNotAnOutage() {
        assertThat(BackingServiceDown.causes(new NullPointerException("cart"))).isFalse();
        assertThat(BackingServiceDown.causes(new NullPointerException())).isFalse();
        assertThat(BackingServiceDown.causes(new IllegalStateException("Result is already complete"))).isFalse();
        assertThat(BackingServiceDown
                .causes(ErrorType.create("WRONGTYPE Operation against a key holding the wrong kind of value")))
                .isFalse();
        assertThat(BackingServiceDown.causes(new JsonParseException(null, "Unexpected character"))).as("an IOException of ours")
                .isFalse();
    }

    /** Reads from a loopback connection whose other end closed it with a reset (linger 0). */
    private static Throwable resetConnection() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                SocketChannel client = SocketChannel
                        .open(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()))) {
            try (Socket accepted = server.accept()) {
                accepted.setSoLinger(true, 0);
            }
            return catchThrowable(() -> client.read(ByteBuffer.allocate(16)));
        }
    }
}

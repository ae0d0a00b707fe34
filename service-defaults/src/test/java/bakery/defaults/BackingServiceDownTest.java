package bakery.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class BackingServiceDownTest {

    @Test
    void aRefusedConnectionDeepInTheChainIsAnOutage() {
        Throwable wrapped = new CompletionException(
                new IllegalStateException("cart", new ConnectException("Connection refused: localhost/127.0.0.1:6379")));
        assertThat(BackingServiceDown.causes(wrapped)).isTrue();
        assertThat(BackingServiceDown.describe(wrapped)).contains("Connection refused");
    }

    @Test
    void redisStillLoadingItsDataIsAnOutage() {
        assertThat(BackingServiceDown.causes(new RuntimeException("LOADING Redis is loading the dataset in memory"))).isTrue();
    }

    @Test
    void aBugIsNotAnOutage() {
        assertThat(BackingServiceDown.causes(new NullPointerException("cart"))).isFalse();
        assertThat(BackingServiceDown.causes(new IllegalStateException("Result is already complete"))).isFalse();
    }
}

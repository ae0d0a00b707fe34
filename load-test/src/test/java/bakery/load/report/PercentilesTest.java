package bakery.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfAHundredValues() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(p).isEqualTo(new Percentiles(100, 50, 95, 99, 100));
    }

    @Test
    void unsortedInputAndASingleSlowOne() {
        Percentiles p = Percentiles.of(List.of(30L, 10L, 20L, 5000L));
        assertThat(p.p50()).isEqualTo(20);
        assertThat(p.p99()).isEqualTo(5000);
        assertThat(p.count()).isEqualTo(4);
    }

    @Test
    void nothingMeasuredIsNone() {
        assertThat(Percentiles.of(List.of())).isEqualTo(Percentiles.NONE);
    }
}

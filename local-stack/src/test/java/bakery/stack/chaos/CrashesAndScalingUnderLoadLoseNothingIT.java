package bakery.stack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import bakery.stack.BakeryCli;

/**
 * The short CI version of ./bakery chaos: one stack (its own home and ports, fast ovens), then a
 * baking worker killed under load, a web node killed under load, and the bakers scaled 4 -> 1 -> 4
 * under load. Each scenario must end with nothing lost and nothing baked, readied or e-mailed twice.
 */
class CrashesAndScalingUnderLoadLoseNothingIT {

    static final BakeryCli BAKERY = BakeryCli.stack("chaos-it", 21000, Map.of(
            // Short bakes and short leases, so orders in a killed oven are baked again within seconds.
            "OVEN_SPEED_FACTOR", "0.02",
            "OVEN_LEASE_TTL", "5s",
            "BAKERY_CHAOS_WARM_UP", "3s",
            "BAKERY_CHAOS_RECOVERY", "5s",
            "BAKERY_CHAOS_KILL_INTERVAL", "2s",
            "BAKERY_CHAOS_POLL_INTERVAL", "1s"), Duration.ofMinutes(6));
    static final String SHORT = "8s";

    @BeforeAll
    static void up() throws Exception {
        BAKERY.deleteHome();
        BAKERY.succeeds("up", "--web", "2", "--orders", "1", "--baking", "2", "--notify", "1");
    }

    @AfterAll
    static void down() throws Exception {
        BAKERY.succeeds("down");
    }

    @Test
    void listsEveryScenarioOnePerLine() throws Exception {
        assertThat(BAKERY.run("chaos", "--list").output().lines())
                .containsExactly("kill-baker", "kill-web", "restart-kafka", "stop-postgres", "stop-redis", "scale-bakers");
    }

    @Test
    void bakersKilledUnderLoadLoseAndRepeatNoOrder() throws Exception {
        assertCleanVerdict(BAKERY.run("chaos", "kill-baker", "--duration", SHORT));
    }

    @Test
    void aWebNodeKilledUnderLoadLosesNoOrderAndNoCart() throws Exception {
        assertCleanVerdict(BAKERY.run("chaos", "kill-web", "--duration", SHORT));
    }

    @Test
    void bakersScaledDownAndUpUnderLoadLoseAndRepeatNoOrder() throws Exception {
        assertCleanVerdict(BAKERY.run("chaos", "scale-bakers", "--duration", SHORT));
    }

    private static void assertCleanVerdict(BakeryCli.Result chaos) {
        String verdict = chaos.lastLine();
        assertThat(verdict).startsWith("lost=0 duplicated=0 ").contains("carts-lost=0").doesNotContain("accepted=0 ");
        assertThat(chaos.exit()).as(chaos.output()).isZero();
    }
}

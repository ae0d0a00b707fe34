package bakery.testkit.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PathTricksTest {

    @Test
    void everyTrickIsTriedAtEveryPlaceInThePath() {
        assertThat(PathTricks.of("/api/ops/snapshot")).extracting(PathTricks.Trick::path).contains(
                "/api;x/ops/snapshot", "/api/ops;x/snapshot", "/api/ops/snapshot;x", "/api/ops/snapshot;jsessionid=1",
                "/api%2Fops/snapshot", "/api/ops%2Fsnapshot", "/api/%2e/ops/snapshot", "/api/x/%2e%2e/ops/snapshot",
                "/api/./ops/snapshot", "/api/x/../ops/snapshot", "/api//ops/snapshot", "/api/ops/snapshot/",
                "/API/OPS/SNAPSHOT", "/api/OPS/snapshot");
    }

    @Test
    void noTrickLeavesThePathAsItWas() {
        assertThat(PathTricks.of("/board")).extracting(PathTricks.Trick::path).doesNotContain("/board");
    }

    @Test
    void aRouteTemplateBecomesAnAddressWithItsSamples() {
        WebRoute cancel = new WebRoute("POST", "/board/orders/{id}/cancel", Set.of("staff"), Map.of("id", "42"));

        assertThat(cancel.path()).isEqualTo("/board/orders/42/cancel");
        assertThat(cancel.guarded()).isTrue();
        assertThat(WebRoutes.join("/", "/board")).isEqualTo("/board");
        assertThat(WebRoutes.join("/api/orders/{id}", "")).isEqualTo("/api/orders/{id}");
    }
}

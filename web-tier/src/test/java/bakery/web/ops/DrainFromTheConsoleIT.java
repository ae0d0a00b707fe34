package bakery.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bakery.defaults.NodeHeartbeat;
import bakery.testkit.Await;
import bakery.testkit.FreePort;
import bakery.testkit.ThisNode;
import bakery.web.SignedInStaff;
import bakery.web.WebTierTest;

/**
 * Drain and undrain from the ops console against real Redis: only the ops role, only with the page's form token, only
 * a node of the live list, and every request in the audit log. A worker that takes the drain is in
 * {@code system-tests} (DrainABakerFromTheConsoleIT), against a real baking-worker process.
 */
@QuarkusTest
@WebTierTest
class DrainFromTheConsoleIT {

    @TestHTTPResource("/")
    URL node;

    @Inject
    NodeHeartbeat heartbeat;

    private final ThisNode self = ThisNode.ofConfig();

    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final Handler auditLog = new Handler() {
        @Override
        public void publish(LogRecord record) {
            audit.add(record.getParameters() == null ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void readTheAuditLog() {
        java.util.logging.Logger.getLogger("bakery.audit").addHandler(auditLog);
    }

    @AfterEach
    void stopReading() {
        java.util.logging.Logger.getLogger("bakery.audit").removeHandler(auditLog);
    }

    @Test
    void staffWithoutTheOpsRoleCannotDrainANode() {
        String worker = worker(FreePort.next());
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");

        HttpResponse<String> answer = staff.postForm("/ops/nodes/" + worker + "/drain", Map.of("csrf", staff.csrfToken()));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(audit).noneMatch(line -> line.contains(worker));
    }

    @Test
    void aDrainWithoutThePagesFormTokenIsRefused() {
        String worker = worker(FreePort.next());
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");

        HttpResponse<String> answer = ops.postForm("/ops/nodes/" + worker + "/drain", Map.of("csrf", "not-the-token"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("did not come from the bakery's pages");
        assertThat(audit).noneMatch(line -> line.contains(worker));
    }

    @Test
    void aNodeNotOnTheLiveListIsNotFoundAndTheRefusalIsAudited() {
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        String unknown = "baking-worker-" + UUID.randomUUID();

        HttpResponse<String> answer = ops.postForm("/ops/nodes/" + unknown + "/drain", Map.of("csrf", ops.csrfToken()));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("no live node is named");
        assertThat(audit).anyMatch(line -> line.contains("ops user ops asked to drain node " + unknown.substring(0, 40))
                && line.contains("refused"));
    }

    @Test
    void aWebNodeLeavesRotationAtTheBalancerNotFromTheConsole() {
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        Await.untilAsserted("this node listed", () -> assertThat(ops.get("/api/ops/snapshot").body()).contains(self.id()));

        HttpResponse<String> answer = ops.postForm("/ops/nodes/" + self.id() + "/drain", Map.of("csrf", ops.csrfToken()));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("leaves rotation at the balancer", "./bakery drain " + self.id());
        assertThat(ops.get("/ops").body()).doesNotContain("data-testid=\"node-drain-" + self.id() + "\"");
    }

    @Test
    void theLastWorkerOfItsServiceInRotationIsNotDrained() {
        String service = "lonely-worker-" + UUID.randomUUID().toString().substring(0, 8);
        String worker = worker(service, FreePort.next());
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");

        HttpResponse<String> answer = ops.postForm("/ops/nodes/" + worker + "/drain", Map.of("csrf", ops.csrfToken()));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains(worker + " is the last " + service + " in rotation");
        assertThat(audit).anyMatch(line -> line.contains(worker) && line.contains("refused, the last of its service"));
    }

    @Test
    void aNodeThatDoesNotAnswerIsABadGatewayWithItsReasonAndBothEndsAreAudited() {
        worker(FreePort.next());
        String worker = worker(FreePort.next());
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        assertThat(ops.get("/ops").body()).as("the console offers the drain")
                .contains("data-testid=\"node-drain-" + worker + "\"");

        HttpResponse<String> answer = ops.postForm("/ops/nodes/" + worker + "/drain", Map.of("csrf", ops.csrfToken()));

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).contains(worker + " did not drain");
        assertThat(audit).anyMatch(line -> line.startsWith("ops user ops asks " + worker + " (baking-worker) at 127.0.0.1:")
                && line.endsWith("to drain"));
        assertThat(audit).anyMatch(line -> line.startsWith("ops user ops: drain of " + worker + " failed"));
    }

    /** A worker's heartbeat as the worker writes it, its management interface at {@code port} on the loopback. */
    private String worker(int port) {
        return worker("baking-worker", port);
    }

    private String worker(String service, int port) {
        String id = service + "-" + UUID.randomUUID().toString().substring(0, 8);
        // Of this node's release, so the console sees no rollout under way (OpsConsoleIT watches for one).
        heartbeat.beat(new NodeHeartbeat.Beat(id, service, self.version(), self.version(), "127.0.0.1:" + port,
                NodeHeartbeat.IN_ROTATION, Instant.now(), 0), Instant.now(), Duration.ofMinutes(1)).await().indefinitely();
        return id;
    }
}

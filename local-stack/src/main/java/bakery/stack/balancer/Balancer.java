package bakery.stack.balancer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackSettings;
import bakery.stack.process.StackState;

/**
 * nginx as the stack's balancer: its upstreams are always the web and order-service nodes in the
 * state, but for those drained (out of rotation).
 */
public final class Balancer {

    public static final String NAME = "nginx";

    private final Nginx nginx;
    private final StackSettings settings;

    private final Path root;

    public Balancer(Path binary, StackLayout layout, StackSettings settings) {
        this.nginx = new Nginx(binary, layout.nginx(), layout.logs());
        this.settings = settings;
        this.root = layout.root();
    }

    public int port() {
        return settings.port("balancer");
    }

    public int orderServicePort() {
        return settings.port("order-service-balancer");
    }

    /** Writes the config for the nodes of {@code state} and checks it with {@code nginx -t}. */
    public void configure(StackState state) {
        nginx.configure(NginxConfig.site(NginxConfig.template(root), port(), addresses(state, Service.WEB_TIER))
                + "\n" + NginxConfig.orderServiceFront(orderServicePort(), addresses(state, Service.ORDER_SERVICE)));
    }

    public Process launch() {
        return nginx.launch();
    }

    /** Rewrites the upstreams for {@code state} and reloads, returning once old workers are done. */
    public void follow(StackState state, Duration drain, Duration poll) {
        configure(state);
        state.find(NAME).ifPresent(n -> nginx.reload(n.pid(), drain, poll));
    }

    public static List<String> addresses(StackState state, Service service) {
        return state.nodes(service).stream().filter(i -> !state.isDrained(i.id())).map(Instance::port)
                .map(p -> "127.0.0.1:" + p).toList();
    }
}

package bakery.stack.balancer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the balancer's config. The web part comes from the one template shared with compose
 * ({@code deploy/nginx/balancer.conf.template}: {@code ${BALANCER_PORT}} and
 * {@code ${BALANCER_UPSTREAM}}, nothing else, as the nginx image's envsubst would); the main part and
 * the order-service front are local-only and written here.
 */
public final class NginxConfig {

    static final String TEMPLATE = "deploy/nginx/balancer.conf.template";
    /** Passive health checks: after this many failed attempts a node sits out {@link #FAIL_TIMEOUT}. */
    static final int MAX_FAILS = 2;
    static final String FAIL_TIMEOUT = "10s";
    /** nginx refuses an empty upstream; a node marked down makes it answer 502 instead. */
    static final String NO_SERVER = "server 127.0.0.1:1 down;";

    private NginxConfig() {
    }

    public static String template(Path root) {
        try {
            return Files.readString(root.resolve(TEMPLATE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the balancer template " + root.resolve(TEMPLATE), e);
        }
    }

    /** The upstream's server lines, each with the passive health check. */
    public static String upstream(List<String> addresses) {
        if (addresses.isEmpty()) {
            return NO_SERVER;
        }
        return addresses.stream()
                .map(a -> "server " + a + " max_fails=" + MAX_FAILS + " fail_timeout=" + FAIL_TIMEOUT + ";")
                .collect(Collectors.joining(" "));
    }

    /** The web part: the template with the listening port and the web nodes filled in. */
    public static String site(String template, int port, List<String> webNodes) {
        return template.replace("${BALANCER_PORT}", Integer.toString(port)).replace("${BALANCER_UPSTREAM}", upstream(webNodes));
    }

    /**
     * The local-only front of the order-service nodes on the loopback: web nodes keep one
     * ORDER_SERVICE_URL while order-service scales.
     */
    public static String orderServiceFront(int port, List<String> orderNodes) {
        return """
                upstream order_service {
                    %s
                    keepalive 16;
                }

                server {
                    listen 127.0.0.1:%d;
                    location / {
                        proxy_pass http://order_service;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $http_host;
                        proxy_next_upstream error timeout;
                        proxy_connect_timeout 2s;
                    }
                }
                """.formatted(upstream(orderNodes), port);
    }

    /**
     * The main config of a private nginx: pid, logs and temp folders under the stack's home, so no
     * system file is touched and no root is needed (beyond installing nginx).
     */
    public static String main(Path prefix, Path logs, Path site) {
        return """
                # Written by ./bakery; changes are overwritten on the next up or scale.
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %2$s/nginx.log notice;
                # A reload (scale) lets old workers finish, but not wait forever on live pages.
                worker_shutdown_timeout 10s;

                # Every proxied request holds two connections (customer and node) and live pages stay open:
                # 1024 ran out under ./bakery bench.
                worker_rlimit_nofile 16384;
                events {
                    worker_connections 8192;
                }

                http {
                    server_tokens off;
                    access_log %2$s/nginx-access.log;
                    client_body_temp_path %1$s/temp/client_body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    # Workers may run as nobody, who cannot write under a private home: keep bodies in memory.
                    client_body_buffer_size 64k;
                    proxy_max_temp_file_size 0;

                    include %3$s;
                }
                """.formatted(prefix, logs, site);
    }
}

package bakery.stack.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class NginxConfigTest {

    private static final Path ROOT = Path.of(System.getProperty("bakery.root", ".."));

    @Test
    void balancesOverEveryWebNodeWithPassiveHealthChecks() {
        String site = NginxConfig.site(NginxConfig.template(ROOT), 8080, List.of("127.0.0.1:8081", "127.0.0.1:8082"));

        assertThat(site).contains("listen 8080;")
                .contains("server 127.0.0.1:8081 max_fails=2 fail_timeout=10s;")
                .contains("server 127.0.0.1:8082 max_fails=2 fail_timeout=10s;")
                .contains("proxy_next_upstream error timeout")
                .contains("X-Forwarded-Proto")
                .contains("proxy_buffering off")
                .doesNotContain("${BALANCER_PORT}", "${BALANCER_UPSTREAM}");
    }

    @Test
    void refusesAmbiguousPathsAndTheInternalSurfaceAndHidesItsVersion() {
        String site = NginxConfig.site(NginxConfig.template(ROOT), 8080, List.of("127.0.0.1:8081"));

        assertThat(site).contains("server_tokens off;")
                .contains("if ($request_uri ~ \"^[^?]*(;|%2[fF]|%5[cC]|%2[eE]|")
                .contains("return 400 '{\"type\":\"tag:fadu.bakery,2026:problem:ambiguous-path\"")
                .contains("location ^~ /q/ {")
                .contains("location = /q {");
        assertThat(NginxConfig.main(Path.of("/h/nginx"), Path.of("/h/logs"), Path.of("/h/nginx/bakery.conf")))
                .contains("server_tokens off;");
    }

    @Test
    void leavesNginxVariablesAlone() {
        String site = NginxConfig.site(NginxConfig.template(ROOT), 8080, List.of("127.0.0.1:8081"));

        assertThat(site).contains("X-Forwarded-For $remote_addr").doesNotContain("$proxy_add_x_forwarded_for")
                .contains("$scheme");
    }

    @Test
    void anUpstreamWithoutNodesStillLoadsAndAnswers502() {
        assertThat(NginxConfig.upstream(List.of())).isEqualTo("server 127.0.0.1:1 down;");
        assertThat(NginxConfig.orderServiceFront(8070, List.of())).contains("server 127.0.0.1:1 down;")
                .contains("listen 127.0.0.1:8070;");
    }

    @Test
    void frontsOrderServiceNodesOnTheLoopbackOnly() {
        String front = NginxConfig.orderServiceFront(8070, List.of("127.0.0.1:8090", "127.0.0.1:8091"));

        assertThat(front).contains("listen 127.0.0.1:8070;")
                .contains("server 127.0.0.1:8090 max_fails=2 fail_timeout=10s;")
                .contains("server 127.0.0.1:8091 max_fails=2 fail_timeout=10s;");
    }

    @Test
    void keepsPidLogsAndTempFilesUnderTheStackHome() {
        String main = NginxConfig.main(Path.of("/home/b/.bakery/nginx"), Path.of("/home/b/.bakery/logs"),
                Path.of("/home/b/.bakery/nginx/bakery.conf"));

        assertThat(main).contains("pid /home/b/.bakery/nginx/nginx.pid;")
                .contains("error_log /home/b/.bakery/logs/nginx.log")
                .contains("proxy_temp_path /home/b/.bakery/nginx/temp/proxy;")
                .contains("include /home/b/.bakery/nginx/bakery.conf;")
                .doesNotContain("/var/", "/etc/");
    }
}

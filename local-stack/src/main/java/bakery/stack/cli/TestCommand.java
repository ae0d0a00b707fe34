package bakery.stack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import bakery.stack.orchestration.StackException;

/**
 * {@code ./bakery test}: listed and explained here like every other command, but run by the
 * {@code ./bakery} script itself, because it installs system packages and runs the Maven build
 * before any stack exists.
 */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Installs what the tests need when missing (nginx, chromium, chromium-driver, prometheus, kubectl, and podman, runc, docker-compose and debootstrap for the container test; as root on Debian), makes the container test's base images meanwhile, and runs ./mvnw -B -Dvalidate-format -Dcontainers=true verify. Needs no running stack.")
final class TestCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new StackException("the tests run from the project root: ./bakery test");
    }
}

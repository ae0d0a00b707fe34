package bakery.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback port nobody listens on right now. Ports come from below the kernel's ephemeral range
 * (32768+ on Linux): a port the kernel handed out for "any free port" is soon reused as the source
 * port of some outgoing connection, and a server started a second later on it fails to bind.
 */
public final class FreePort {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;

    /** Handed out already: a server given one may not have bound it yet, so it must not be handed out twice. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (isFree(candidate) && GIVEN.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}

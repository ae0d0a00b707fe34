package bakery.stack.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bakery.servers.process.NodeLauncher;

/**
 * Starts a process of the stack (server, node, balancer) with the one launcher
 * ({@link NodeLauncher#launch}: it outlives the command), the stack's {@code process.environment}
 * under the process' own variables.
 */
public final class StackProcesses {

    private static final String ENVIRONMENT = "process.environment";

    private StackProcesses() {
    }

    public static Process launch(List<String> command, Map<String, String> env, Path log, Path workDir) {
        Map<String, String> all = new LinkedHashMap<>(StackSettings.fromEnvironment().environment(ENVIRONMENT));
        all.putAll(env);
        return NodeLauncher.launch(command, all, log, workDir);
    }
}

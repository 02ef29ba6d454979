package dev.switchboard.platform.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Arguments that turn an allowed interpreter into a way to run any code: {@code node -e}, {@code python3 -c},
 * {@code npx -c}. A flag is refused anywhere in the arguments (so {@code npx -y node -e …} is caught too), alone,
 * with {@code =value}, or, for a one-letter flag, with its value attached ({@code -cprint(1)}).
 */
public final class StdioArguments {

    private static final List<String> NODE = List.of("-e", "--eval", "-p", "--print", "-r", "--require", "--import",
            "--loader", "--experimental-loader", "-i", "--interactive", "--inspect", "--inspect-brk", "--env-file");
    private static final List<String> PYTHON = List.of("-c", "-i");

    /** The flags each well-known interpreter or launcher refuses without configuration. */
    static final Map<String, List<String>> BUILT_IN = Map.of(
            "node", NODE, "nodejs", NODE, "bun", concat(NODE, List.of("x")), "deno", List.of("eval", "repl"),
            "python", PYTHON, "python3", PYTHON,
            "npx", concat(NODE, List.of("-c", "--call")),
            "uvx", concat(PYTHON, List.of("--with-requirements")),
            "uv", concat(PYTHON, List.of("--with-requirements")));

    private StdioArguments() {
    }

    /** @return the first refused argument, and its index */
    static Optional<Refused> refused(String command, List<String> args, Map<String, List<String>> configured) {
        List<String> denied = concat(BUILT_IN.getOrDefault(command, List.of()), configured.getOrDefault(command, List.of()));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            for (String flag : denied) {
                if (arg.equals(flag) || arg.startsWith(flag + "=") || (isShortFlag(flag) && arg.startsWith(flag))) {
                    return Optional.of(new Refused(i, flag));
                }
            }
        }
        return Optional.empty();
    }

    record Refused(int index, String flag) {
    }

    private static boolean isShortFlag(String flag) {
        return flag.length() == 2 && flag.charAt(0) == '-' && flag.charAt(1) != '-';
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}

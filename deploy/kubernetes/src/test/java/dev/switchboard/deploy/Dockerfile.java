package dev.switchboard.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile that the manifests and the Jib build depend on: its base, who runs it, what it
 * copies, what it exposes and the environment it sets.
 */
record Dockerfile(String from, String user, List<String> copied, Set<Integer> exposed, Map<String, String> environment) {

    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

    static Dockerfile read(Path file) throws IOException {
        String from = "";
        String user = "";
        List<String> copied = new ArrayList<>();
        Set<Integer> exposed = new HashSet<>();
        Map<String, String> environment = new HashMap<>();
        for (String line : Files.readString(file).replace("\\\n", " ").split("\n")) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "FROM" -> from = words[1];
                case "USER" -> user = words[1];
                case "ENV" -> ASSIGNMENT.matcher(line).results().forEach(assignment ->
                        environment.put(assignment.group(1), assignment.group(2).replace("\"", "")));
                case "EXPOSE" -> {
                    for (int i = 1; i < words.length; i++) {
                        exposed.add(Integer.parseInt(words[i]));
                    }
                }
                case "COPY" -> {
                    List<String> arguments = new ArrayList<>();
                    for (int i = 1; i < words.length; i++) {
                        if (!words[i].startsWith("--")) {
                            arguments.add(words[i]);
                        }
                    }
                    copied.addAll(arguments.subList(0, arguments.size() - 1));
                }
                default -> {
                    // Other instructions do not concern the manifests.
                }
            }
        }
        return new Dockerfile(from, user, copied, exposed, environment);
    }
}

package dev.switchboard.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The instructions of a Dockerfile that the manifests depend on: who runs it, what it copies, what it exposes. */
record Dockerfile(String user, List<String> copied, Set<Integer> exposed) {

    static Dockerfile read(Path file) throws IOException {
        String user = "";
        List<String> copied = new ArrayList<>();
        Set<Integer> exposed = new HashSet<>();
        for (String line : Files.readString(file).replace("\\\n", " ").split("\n")) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "USER" -> user = words[1];
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
        return new Dockerfile(user, copied, exposed);
    }
}

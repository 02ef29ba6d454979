package dev.switchboard.platform.net;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a stdio server may run on the invocation pods. */
@ConfigMapping(prefix = "switchboard.stdio")
public interface StdioConfig {

    /** The only commands a stdio server may run, compared exactly; none unless configured. */
    Optional<List<String>> allowedCommands();

    /**
     * Arguments refused for a command besides the built-in ones ({@link StdioArguments#BUILT_IN}), as flags such as
     * {@code --eval}: keyed by command, as in {@code switchboard.stdio.denied-arguments.node=--inspect}.
     */
    Map<String, List<String>> deniedArguments();
}

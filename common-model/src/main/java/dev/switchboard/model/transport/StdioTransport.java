package dev.switchboard.model.transport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A local process spoken to over stdin and stdout. The command is exec'd with its argv, never through a shell,
 * and sees only {@code env} (secret values, encrypted at rest) and a minimal PATH.
 */
public record StdioTransport(
        @NotBlank @Size(max = 512) String command,
        List<@NotNull @Size(max = 4096) String> args,
        Map<@NotBlank String, @NotNull String> env) implements TransportConfig {

    public static final String TYPE = "stdio";

    public StdioTransport {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}

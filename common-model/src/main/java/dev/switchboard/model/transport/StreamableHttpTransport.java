package dev.switchboard.model.transport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/** The Streamable HTTP transport of protocol versions 2025-03-26 and later; {@code type} is {@code http}. */
public record StreamableHttpTransport(
        @NotBlank @Pattern(regexp = HttpUrls.PATTERN, message = HttpUrls.MESSAGE) String url,
        Map<@NotBlank String, @NotNull String> headers) implements TransportConfig {

    public static final String TYPE = "http";

    public StreamableHttpTransport {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}

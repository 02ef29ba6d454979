package dev.switchboard.model.transport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/** The legacy HTTP+SSE transport of protocol version 2024-11-05: a GET event stream and a POST endpoint. */
public record SseTransport(
        @NotBlank @Pattern(regexp = HttpUrls.PATTERN, message = HttpUrls.MESSAGE) String url,
        Map<@NotBlank String, @NotNull String> headers) implements TransportConfig {

    public static final String TYPE = "sse";

    public SseTransport {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}

package dev.switchboard.model.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The {@code data} of {@code catalog.changed}: what a server offers now. Tools by name and description only; their
 * schemas stay with the invocation service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogChanged(String name, List<Tool> tools, Integer promptCount, Integer resourceCount) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tool(String name, String description) {
    }
}

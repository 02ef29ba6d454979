package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.platform.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a call's arguments against the tool's input schema. A schema is compiled once per listing of the tool and
 * kept with it; the counter lets a test prove that a call does not compile it again.
 */
@ApplicationScoped
public class ArgumentCheck {

    private final ObjectMapper json;
    private final Counter compilations;

    public ArgumentCheck(ObjectMapper json, MeterRegistry metrics) {
        this.json = json;
        this.compilations = Counter.builder("switchboard.tool.schemas.compiled")
                .description("Tool input schemas compiled; each listed tool's schema is compiled once")
                .register(metrics);
    }

    void validate(Catalog.Tool tool, Map<String, Object> arguments) {
        if (tool.inputSchema() == null || tool.inputSchema().isEmpty()) {
            return;
        }
        Schema schema = tool.derived(this::compile);
        List<Error> problems = schema.validate(json.valueToTree(arguments));
        if (!problems.isEmpty()) {
            throw ApiException.invalid("arguments", problems.stream().map(Error::toString)
                    .collect(Collectors.joining("; ")));
        }
    }

    private Schema compile(Catalog.Tool tool) {
        compilations.increment();
        return SchemaRegistry.withDefaultDialect(Dialects.getDraft202012()).getSchema(tool.inputSchema());
    }
}

package dev.switchboard.platform.error;

import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.api.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the problems every operation can answer, in their one format ({@link Problem}, DESIGN §6), so that a client
 * generated from the OpenAPI document knows the error body as well as the success one: 400 where the operation takes
 * input, 401 and 403 where it requires a caller, 404 where its path names something, and any other status as the
 * {@code default} response. An operation that documents one of these itself keeps its own.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    private static final String SCHEMA = "Problem";
    private static final String REFERENCE = "#/components/schemas/" + SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                .forEach(operation -> document(path, operation)));
    }

    private static void document(String path, Operation operation) {
        boolean takesInput = operation.getRequestBody() != null
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (takesInput) {
            add(operation, "400", "The input is not valid; `errors` names each bad field");
        }
        if (secured) {
            add(operation, "401", "No valid JWT or API key was sent");
            add(operation, "403", "The caller's role, tenant or tool patterns do not allow this");
        }
        if (path.contains("{")) {
            add(operation, "404", "Nothing of that id or name is visible to the caller");
        }
        add(operation, "default", "Any other problem, with its status and code");
    }

    private static void add(Operation operation, String status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (operation.getResponses().hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REFERENCE))));
        operation.getResponses().addAPIResponse(status, response);
    }

    private static Schema problemSchema() {
        Schema fieldError = object()
                .addProperty("field", string("The field, as a JSON path into the request"))
                .addProperty("message", string("What is wrong with it"))
                .required(List.of("field", "message"));
        return object()
                .description("RFC 9457 problem details with Switchboard's members")
                .addProperty("type", string("A URI per code, urn:switchboard:problem:<code>"))
                .addProperty("title", string("The code's title"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).description("The HTTP status"))
                .addProperty("detail", string("What went wrong, for a person"))
                .addProperty("instance", string("The request's path"))
                .addProperty("code", string("What went wrong, for a program")
                        .enumeration(Arrays.stream(ErrorCode.values()).map(code -> (Object) code.name()).toList()))
                .addProperty("success", OASFactory.createSchema().addType(SchemaType.BOOLEAN).constValue(false))
                .addProperty("timestamp", string("When it was answered").format("date-time"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).items(fieldError)
                        .description("One entry per bad field, for validation problems"))
                .addProperty("correlationId", string("For internal errors: the id to look for in the service's logs"))
                .required(List.of("type", "title", "status", "code", "success", "timestamp"));
    }

    private static Schema object() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}

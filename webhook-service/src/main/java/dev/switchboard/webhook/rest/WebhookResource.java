package dev.switchboard.webhook.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.error.Timestamps;
import dev.switchboard.platform.paging.PageParams;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import dev.switchboard.webhook.api.CreateWebhookRequest;
import dev.switchboard.webhook.api.CreatedWebhook;
import dev.switchboard.webhook.api.DeliveryView;
import dev.switchboard.webhook.api.ReplaceWebhookRequest;
import dev.switchboard.webhook.api.RotatedSecret;
import dev.switchboard.webhook.api.TestDelivery;
import dev.switchboard.webhook.api.WebhookView;
import dev.switchboard.webhook.repository.DeliveryRepository;
import dev.switchboard.webhook.service.SubscriptionService;
import dev.switchboard.webhook.service.WebhookTester;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER})
public class WebhookResource {

    private final SubscriptionService subscriptions;
    private final WebhookTester tester;
    private final CurrentCaller caller;

    public WebhookResource(SubscriptionService subscriptions, WebhookTester tester, CurrentCaller caller) {
        this.subscriptions = subscriptions;
        this.tester = tester;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Subscribe a URL to event types; the answer shows the signing secret, this once")
    public Response create(@NotNull @Valid CreateWebhookRequest request) {
        CreatedWebhook created = subscriptions.create(request, caller.get());
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(created)).build();
    }

    @GET
    @Operation(summary = "The subscriptions of the caller's tenant, newest first")
    public ApiResponse<PageResult<WebhookView>> list(
            @Valid @BeanParam PageParams page) {
        return ApiResponse.of(subscriptions.list(page.limit, page.offset, caller.get()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription")
    public ApiResponse<WebhookView> get(@PathParam("id") UUID id) {
        return ApiResponse.of(subscriptions.get(id, caller.get()));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "A subscription's deliveries, newest first; filters: status, eventType, since and until (creation time)")
    public ApiResponse<PageResult<DeliveryView>> deliveries(
            @PathParam("id") UUID id,
            @QueryParam("status") @Pattern(regexp = "pending|sending|delivered|failed",
                    message = "must be pending, sending, delivered or failed") String status,
            @QueryParam("eventType") @Size(max = 100) String eventType,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @Valid @BeanParam PageParams page) {
        return ApiResponse.of(subscriptions.deliveries(id, new DeliveryRepository.Filter(status, eventType,
                Timestamps.parse("since", since), Timestamps.parse("until", until)),
                page.limit, page.offset, caller.get()));
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    @Operation(summary = "One delivery, with every attempt: status code, latency, the first KiB of the answer, error")
    public ApiResponse<DeliveryView> delivery(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return ApiResponse.of(subscriptions.delivery(id, deliveryId, caller.get()));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send a delivery again now, from the start of the retry schedule")
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(ApiResponse.of(subscriptions.redeliver(id, deliveryId, caller.get()))).build();
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send again every failed delivery created since a time")
    public Response replay(@PathParam("id") UUID id, @QueryParam("since") @NotNull String since) {
        int replayed = subscriptions.replay(id, Timestamps.parse("since", since), caller.get());
        return Response.accepted(ApiResponse.of(Map.of("replayed", replayed))).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a subscription's URL, event types, description and enabled flag")
    public ApiResponse<WebhookView> replace(@PathParam("id") UUID id, @NotNull @Valid ReplaceWebhookRequest request) {
        return ApiResponse.of(subscriptions.replace(id, request, caller.get()));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "Change some of url, events, description and enabled (JSON merge patch)")
    public ApiResponse<WebhookView> patch(@PathParam("id") UUID id, @NotNull JsonNode patch) {
        if (!patch.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        return ApiResponse.of(subscriptions.patch(id, patch, caller.get()));
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A new signing secret, shown this once; the previous one keeps signing for an overlap")
    public ApiResponse<RotatedSecret> rotateSecret(@PathParam("id") UUID id) {
        return ApiResponse.of(subscriptions.rotateSecret(id, caller.get()));
    }

    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Send a webhook.test event now and answer how the receiver took it")
    public CompletionStage<ApiResponse<TestDelivery>> test(@PathParam("id") UUID id) {
        return tester.test(id, caller.get()).thenApply(ApiResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a subscription and its delivery records")
    public Response delete(@PathParam("id") UUID id) {
        subscriptions.delete(id, caller.get());
        return Response.noContent().build();
    }
}

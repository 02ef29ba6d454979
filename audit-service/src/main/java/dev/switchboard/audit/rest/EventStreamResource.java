package dev.switchboard.audit.rest;

import dev.switchboard.audit.repository.AuditFilter;
import dev.switchboard.audit.repository.AuditRow;
import dev.switchboard.audit.repository.AuditSearchRepository;
import dev.switchboard.audit.service.AuditQueryService;
import dev.switchboard.audit.service.LiveEventHub;
import dev.switchboard.audit.service.LiveEventHub.LiveItem;
import dev.switchboard.audit.service.LiveFilter;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/events")
@Tag(name = "Live events")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
public class EventStreamResource {

    /** How many missed events a reconnecting client is sent at most before it continues live. */
    static final int MAX_REPLAY = 1000;

    private final LiveEventHub hub;
    private final AuditSearchRepository search;
    private final CurrentCaller caller;

    public EventStreamResource(LiveEventHub hub, AuditSearchRepository search, CurrentCaller caller) {
        this.hub = hub;
        this.search = search;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Events as they are stored, as Server-Sent Events: id is the event id, event its type. "
            + "Send Last-Event-ID to receive what was missed first. The stream ends when the token expires or its key "
            + "is revoked; a key may hold a few streams at once.")
    public Multi<OutboundSseEvent> stream(@QueryParam("types") @Size(max = 1000) String types,
                                          @QueryParam("servers") @Size(max = 4000) String servers,
                                          @HeaderParam("Last-Event-ID") @Size(max = 200) String lastEventId,
                                          @Context Sse sse) {
        var scope = AuditQueryService.scope(caller.get(), null);
        LiveFilter filter = new LiveFilter(scope, split(types), split(servers));
        Multi<LiveItem> live = hub.open(filter, caller.get());
        if (lastEventId == null || lastEventId.isBlank()) {
            return live.map(item -> toSse(item, sse));
        }
        List<AuditRow> missed = search.after(AuditFilter.forTenant(scope), lastEventId, MAX_REPLAY).stream()
                .filter(filter).toList();
        Set<String> replayed = missed.stream().map(AuditRow::eventId).collect(Collectors.toSet());
        return Multi.createBy().concatenating().streams(
                        Multi.createFrom().iterable(missed).map(LiveItem::new),
                        live.select().where(item -> item.isHeartbeat() || !replayed.contains(item.row().eventId())))
                .map(item -> toSse(item, sse));
    }

    private static OutboundSseEvent toSse(LiveItem item, Sse sse) {
        if (item.isHeartbeat()) {
            return sse.newEventBuilder().comment("heartbeat").build();
        }
        AuditRow row = item.row();
        return sse.newEventBuilder()
                .id(row.eventId())
                .name(row.type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(row.envelopeJson())
                .build();
    }

    private static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(value -> !value.isEmpty()).toList();
    }
}

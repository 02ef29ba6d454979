package dev.switchboard.platform.health;

import dev.switchboard.platform.events.ConsumerGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Not live once an event consumer has stopped for good: it will not start again by itself, and an orchestrator that
 * restarts the service brings it back.
 */
@Liveness
@ApplicationScoped
public class ConsumersLiveness implements HealthCheck {

    private final ConsumerGuard guard;

    public ConsumersLiveness(ConsumerGuard guard) {
        this.guard = guard;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> stopped = guard.stopped();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Event consumers").status(stopped.isEmpty());
        stopped.forEach(response::withData);
        return response.build();
    }
}

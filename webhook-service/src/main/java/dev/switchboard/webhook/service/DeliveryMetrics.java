package dev.switchboard.webhook.service;

import dev.switchboard.webhook.repository.DeliveryRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prometheus meters of sending: attempts by what they decided, attempt latency, and the queue (deliveries due and
 * how long the oldest has waited), which the worker refreshes rather than each scrape querying the database.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final Map<RetryPolicy.Verdict, Counter> outcomes = new EnumMap<>(RetryPolicy.Verdict.class);
    private final Timer latency;
    private final AtomicReference<DeliveryRepository.Queue> queue = new AtomicReference<>(new DeliveryRepository.Queue(0, null));

    public DeliveryMetrics(MeterRegistry registry) {
        for (RetryPolicy.Verdict verdict : RetryPolicy.Verdict.values()) {
            outcomes.put(verdict, Counter.builder("switchboard.webhook.attempts")
                    .description("Delivery attempts, by what their answer decided")
                    .tag("outcome", verdict.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        latency = Timer.builder("switchboard.webhook.attempt.duration").description("How long receivers took to answer")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("switchboard.webhook.queue.depth", queue, current -> current.get().depth())
                .description("Deliveries due and not yet sent").register(registry);
        Gauge.builder("switchboard.webhook.queue.oldest.seconds", queue, current -> {
            Instant oldest = current.get().oldestDue();
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
        }).description("How long the oldest due delivery has waited").register(registry);
    }

    void attempt(RetryPolicy.Verdict verdict, long latencyMs) {
        outcomes.get(verdict).increment();
        latency.record(latencyMs, TimeUnit.MILLISECONDS);
    }

    void queue(DeliveryRepository.Queue current) {
        queue.set(current);
    }
}

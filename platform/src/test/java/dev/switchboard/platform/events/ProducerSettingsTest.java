package dev.switchboard.platform.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    private static final ProducerSettings DEFAULTS = new ProducerSettings() {
        @Override
        public Duration linger() {
            return Duration.ofMillis(5);
        }

        @Override
        public Duration requestTimeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration deliveryTimeout() {
            return Duration.ofSeconds(30);
        }
    };

    @Test
    void aWaitForASendMustOutlastTheProducersDeliveryTimeout() {
        assertDoesNotThrow(() -> DEFAULTS.requireOutlastedBy(Duration.ofSeconds(35), "switchboard.outbox.send-timeout"));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> DEFAULTS.requireOutlastedBy(Duration.ofSeconds(30), "switchboard.outbox.send-timeout"));
        assertTrue(refused.getMessage().contains("switchboard.outbox.send-timeout (PT30S)")
                && refused.getMessage().contains("switchboard.events.delivery-timeout (PT30S)"), refused.getMessage());
    }
}

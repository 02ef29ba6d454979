package dev.switchboard.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** What the services leave out of their metrics, and why. */
public class MeterFilters {

    /**
     * Metrics say how often something failed, not with which Java class: the network binders tag errors with the
     * exception's class name, which tells an outsider what runs inside and multiplies series with every new exception.
     */
    @Produces
    @Singleton
    MeterFilter withoutExceptionClasses() {
        return MeterFilter.ignoreTags("class", "exception");
    }

    /**
     * The Vert.x binders time each open HTTP connection with a long task timer, which the Prometheus registry writes in
     * OpenMetrics as a summary whose samples ({@code _active_count}, {@code _duration_sum}) are not a summary's: the
     * reference OpenMetrics parser refuses the whole scrape. Open connections are not worth a scrape Prometheus may
     * reject.
     */
    @Produces
    @Singleton
    MeterFilter withoutLongTaskTimers() {
        return MeterFilter.deny(id -> id.getType() == Meter.Type.LONG_TASK_TIMER);
    }
}

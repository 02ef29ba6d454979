package dev.switchboard.platform.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Metrics say how often something failed, not with which Java class: the network binders tag errors with the
 * exception's class name, which tells an outsider what runs inside and multiplies series with every new exception.
 */
public class MetricTags {

    @Produces
    @Singleton
    MeterFilter withoutExceptionClasses() {
        return MeterFilter.ignoreTags("class", "exception");
    }
}

package dev.switchboard.platform.logging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.logging.Handler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Switches the console log to one JSON object per line when {@code switchboard.log.json} is true (the prod profile),
 * for log shippers. The {@code quarkus-logging-json} extension is not available from the Maven repository these
 * machines reach, so this installs {@link JsonLineFormatter} on the console handler itself.
 */
@Singleton
public class JsonConsoleLogging {

    private final boolean enabled;
    private final String service;

    public JsonConsoleLogging(LogConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.enabled = config.json();
        this.service = service;
    }

    void install(@Observes @Priority(1) StartupEvent startup) {
        if (!enabled) {
            return;
        }
        for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
            useJson(handler);
        }
    }

    private void useJson(Handler handler) {
        if (handler instanceof ConsoleHandler console) {
            console.setFormatter(new JsonLineFormatter(service));
        } else if (handler instanceof ExtHandler parent) {
            for (Handler child : parent.getHandlers()) {
                useJson(child);
            }
        }
    }
}

package dev.switchboard.platform.logging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.logging.Handler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Switches the console log to one JSON object per line when {@code switchboard.log.json} is true (the prod profile),
 * for log shippers. The {@code quarkus-logging-json} extension is not available from the Maven repository these
 * machines reach, so this installs the same JBoss LogManager formatter on the console handler itself.
 */
@Singleton
public class JsonConsoleLogging {

    private final boolean enabled;

    public JsonConsoleLogging(@ConfigProperty(name = "switchboard.log.json", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    void install(@Observes @Priority(1) StartupEvent startup) {
        if (!enabled) {
            return;
        }
        for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
            useJson(handler);
        }
    }

    private static void useJson(Handler handler) {
        if (handler instanceof ConsoleHandler console) {
            JsonFormatter json = new JsonFormatter();
            json.setDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
            json.setExceptionOutputType(JsonFormatter.ExceptionOutputType.FORMATTED);
            console.setFormatter(json);
        } else if (handler instanceof ExtHandler parent) {
            for (Handler child : parent.getHandlers()) {
                useJson(child);
            }
        }
    }
}

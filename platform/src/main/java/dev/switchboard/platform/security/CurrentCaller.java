package dev.switchboard.platform.security;

import dev.switchboard.model.server.RateLimits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The request's {@link Caller}, read once from the verified token, so that resources never parse claims. The reading
 * is kept by token until it expires: the JWT library finds a custom claim only after failing to look it up as a
 * standard one, an exception per claim and request.
 */
@RequestScoped
public class CurrentCaller {

    /** The claim names that Switchboard's tokens carry besides {@code sub} and {@code groups}. */
    public static final String TENANT_CLAIM = "tenant";
    public static final String TOOLS_CLAIM = "tools";
    /** The key's own limits, {@code {"requestsPerMinute": n, "requestsPerDay": m}}; absent when it has none. */
    public static final String RATE_LIMITS_CLAIM = "rateLimits";

    private static final List<String> ROLES_BY_PRECEDENCE = List.of(Role.SERVICE, Role.ADMIN, Role.MANAGER, Role.USER);

    private static final int CAPACITY = 10_000;
    private static final Map<String, Caller> READ = new ConcurrentHashMap<>();

    private final JsonWebToken token;
    private Caller caller;

    public CurrentCaller(JsonWebToken token) {
        this.token = token;
    }

    public Caller get() {
        if (caller == null) {
            caller = of(token);
        }
        return caller;
    }

    /** The caller a verified token stands for, read once per token. */
    public static Caller of(JsonWebToken token) {
        String raw = token == null ? null : token.getRawToken();
        if (raw == null) {
            return fromToken(token);
        }
        Caller known = READ.get(raw);
        if (known != null) {
            return known;
        }
        Caller read = fromToken(token);
        if (READ.size() >= CAPACITY) {
            Instant now = Instant.now();
            READ.values().removeIf(old -> old.expiresAt() == null || old.expiresAt().isBefore(now));
            if (READ.size() >= CAPACITY) {
                READ.clear();
            }
        }
        READ.put(raw, read);
        return read;
    }

    static Caller fromToken(JsonWebToken token) {
        if (token == null || token.getSubject() == null) {
            return new Caller(null, null, null, List.of());
        }
        Set<String> groups = token.getGroups();
        String role = ROLES_BY_PRECEDENCE.stream().filter(groups::contains).findFirst().orElse(null);
        String tenant = token.<Object>claim(TENANT_CLAIM).map(CurrentCaller::text).orElse(null);
        return new Caller(token.getSubject(), role, tenant, patterns(token.getClaim(TOOLS_CLAIM)),
                token.getExpirationTime() > 0 ? Instant.ofEpochSecond(token.getExpirationTime()) : null,
                rateLimits(token.getClaim(RATE_LIMITS_CLAIM)));
    }

    private static RateLimits rateLimits(Object claim) {
        if (claim instanceof JsonObject limits) {
            return new RateLimits(number(limits, "requestsPerMinute"), number(limits, "requestsPerDay"));
        }
        return RateLimits.UNLIMITED;
    }

    private static Integer number(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber number ? number.intValue() : null;
    }

    private static List<String> patterns(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(CurrentCaller::text).toList();
        }
        return List.of();
    }

    private static String text(Object value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonValue json && json.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return String.valueOf(value);
    }
}

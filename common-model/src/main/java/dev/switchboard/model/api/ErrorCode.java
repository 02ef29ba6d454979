package dev.switchboard.model.api;

/** The error codes of DESIGN §6 with their HTTP status. Clients branch on the code, never on the message. */
public enum ErrorCode {

    VALIDATION_ERROR(400, "Validation failed"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    UPSTREAM_ERROR(502, "Upstream error"),
    SERVER_DISCONNECTED(503, "Server disconnected"),
    CIRCUIT_OPEN(503, "Circuit open"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    TIMEOUT(504, "Upstream timeout");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The short, stable, human-readable summary used as the problem's {@code title}. */
    public String title() {
        return title;
    }
}

package dev.switchboard.model.transport;

/** The shape checks shared by URL-bearing transports; where a URL may point is checked by the services. */
final class HttpUrls {

    static final String PATTERN = "^https?://[^\\s/?#]+([/?#]\\S*)?$";
    static final String MESSAGE = "must be an absolute http or https URL";
    static final String WS_PATTERN = "^wss?://[^\\s/?#]+([/?#]\\S*)?$";
    static final String WS_MESSAGE = "must be an absolute ws or wss URL";

    private HttpUrls() {
    }
}

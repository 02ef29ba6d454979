package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC error for an MCP client: its code, message and optional data, as the specification defines them. */
public class McpError extends RuntimeException {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    public static final int RESOURCE_NOT_FOUND = -32002;
    public static final int HEADER_MISMATCH = -32020;
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private final int code;
    private final transient JsonNode data;

    public McpError(int code, String message) {
        this(code, message, null);
    }

    public McpError(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public static McpError invalidParams(String message) {
        return new McpError(INVALID_PARAMS, message);
    }

    public int code() {
        return code;
    }

    public JsonNode data() {
        return data;
    }
}

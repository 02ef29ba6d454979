package dev.switchboard.platform.security;

/** The roles of DESIGN §4, as they appear in a token's {@code groups} claim. */
public final class Role {

    /** Every tenant, every resource. */
    public static final String ADMIN = "admin";
    /** Manages its own tenant. */
    public static final String MANAGER = "manager";
    /** Reads its tenant, and invokes the tools its patterns allow. */
    public static final String USER = "user";
    /** Switchboard's own services calling each other. */
    public static final String SERVICE = "service";

    private Role() {
    }
}

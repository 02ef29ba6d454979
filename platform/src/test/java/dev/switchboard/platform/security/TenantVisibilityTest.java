package dev.switchboard.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantVisibilityTest {

    private static final String TENANT = "11111111-1111-1111-1111-111111111111";
    private static final UUID OWN = UUID.fromString(TENANT);
    private static final UUID OTHER = UUID.fromString("22222222-2222-2222-2222-222222222222");
    private static final UUID SERVER = UUID.fromString("33333333-3333-3333-3333-333333333333");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("an admin sees another tenant's server", Optional.empty(), List.of(), OTHER, "github", true),
                Arguments.of("an admin sees a global server nobody enabled", Optional.empty(), List.of(), null, "github", true),
                Arguments.of("a tenant sees its own server", Optional.of(TENANT), List.of(), OWN, "github", true),
                Arguments.of("a tenant does not see another's", Optional.of(TENANT), List.of(), OTHER, "github", false),
                Arguments.of("enabling another tenant's server by name shows nothing", Optional.of(TENANT), List.of("github"),
                        OTHER, "github", false),
                Arguments.of("a global server it did not enable stays hidden", Optional.of(TENANT), List.of("gitlab"), null,
                        "github", false),
                Arguments.of("a global server enabled by id", Optional.of(TENANT), List.of(SERVER.toString()), null, "github", true),
                Arguments.of("a global server enabled by name", Optional.of(TENANT), List.of("github"), null, "github", true),
                Arguments.of("names compare ignoring case", Optional.of(TENANT), List.of("GitHub"), null, "github", true),
                Arguments.of("a caller bound to no tenant sees no tenant's server", Optional.of(""), List.of(), OWN, "github", false),
                Arguments.of("a name is not a prefix match", Optional.of(TENANT), List.of("git"), null, "github", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesWhoSeesAServer(String what, Optional<String> scope, List<String> enabled, UUID serverTenant, String name,
                               boolean expected) {
        assertEquals(expected, TenantVisibility.sees(scope, enabled, serverTenant, SERVER, name));
    }
}

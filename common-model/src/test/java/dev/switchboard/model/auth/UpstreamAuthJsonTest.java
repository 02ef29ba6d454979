package dev.switchboard.model.auth;

import static dev.switchboard.model.ModelJson.MAPPER;
import static dev.switchboard.model.ModelJson.invalidPaths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UpstreamAuthJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"none\"}",
            "{\"type\":\"api_key\",\"key\":\"k-123\",\"header\":\"Authorization\",\"prefix\":\"Token \"}",
            "{\"type\":\"bearer\",\"token\":\"t-456\"}",
            "{\"type\":\"oauth2\",\"clientId\":\"switchboard\",\"clientSecret\":\"s3cret\","
                    + "\"tokenUrl\":\"https://idp.example.com/oauth/token\",\"scopes\":[\"mcp:read\",\"mcp:call\"]}"
    })
    void roundTripsEveryAuthWithItsTypeDiscriminator(String json) throws Exception {
        UpstreamAuth auth = MAPPER.readValue(json, UpstreamAuth.class);

        assertEquals(MAPPER.readTree(json), MAPPER.valueToTree(auth));
        assertEquals(Set.of(), invalidPaths(auth));
    }

    @Test
    void defaultsTheApiKeyHeaderAndPrefix() throws Exception {
        ApiKeyAuth auth = (ApiKeyAuth) MAPPER.readValue("{\"type\":\"api_key\",\"key\":\"k\"}", UpstreamAuth.class);
        assertEquals("X-API-Key", auth.header());
        assertEquals("", auth.prefix());
    }

    @Test
    void defaultsOAuth2ScopesToNone() throws Exception {
        OAuth2Auth auth = (OAuth2Auth) MAPPER.readValue("{\"type\":\"oauth2\",\"clientId\":\"c\",\"clientSecret\":\"s\","
                + "\"tokenUrl\":\"https://idp/token\"}", UpstreamAuth.class);
        assertEquals(List.of(), auth.scopes());
    }

    @Test
    void rejectsAnUnknownTypeNamingIt() {
        InvalidTypeIdException error = assertThrows(InvalidTypeIdException.class,
                () -> MAPPER.readValue("{\"type\":\"kerberos\"}", UpstreamAuth.class));
        assertEquals("kerberos", error.getTypeId());
    }

    @Test
    void flagsMissingSecretsAndBadFieldsByName() throws Exception {
        assertEquals(Set.of("key"), invalidPaths(MAPPER.readValue("{\"type\":\"api_key\"}", UpstreamAuth.class)));
        assertEquals(Set.of("token"), invalidPaths(MAPPER.readValue("{\"type\":\"bearer\",\"token\":\"\"}", UpstreamAuth.class)));
        assertEquals(Set.of("clientSecret", "tokenUrl"), invalidPaths(MAPPER.readValue(
                "{\"type\":\"oauth2\",\"clientId\":\"c\",\"tokenUrl\":\"idp/token\"}", UpstreamAuth.class)));
        assertEquals(Set.of("header"), invalidPaths(MAPPER.readValue(
                "{\"type\":\"api_key\",\"key\":\"k\",\"header\":\"Bad Header:\"}", UpstreamAuth.class)));
    }
}

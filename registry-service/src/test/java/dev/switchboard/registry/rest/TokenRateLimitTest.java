package dev.switchboard.registry.rest;

import static dev.switchboard.registry.RegistryApi.BOOTSTRAP_ADMIN_KEY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /auth/token} refuses a key, or a client address, that asks too often, so that keys cannot be guessed at
 * speed. The client's address comes from {@code X-Forwarded-For}, which the registry believes from 127.0.0.1 (the
 * tests' own address, standing in for an ingress or another service).
 */
@QuarkusTest
@TestProfile(TokenRateLimitTest.TightLimits.class)
class TokenRateLimitTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.registry.tokens.requests-per-key-per-minute", "3",
                    "switchboard.registry.tokens.requests-per-address-per-minute", "5");
        }
    }

    private static Response token(String key, String clientAddress) {
        return given().header("X-API-Key", key).header("X-Forwarded-For", clientAddress).post("/auth/token");
    }

    @Test
    void refusesAKeyThatAsksTooOftenWhereverItComesFrom() {
        for (String address : new String[] {"198.51.100.1", "198.51.100.2", "198.51.100.3"}) {
            token(BOOTSTRAP_ADMIN_KEY, address).then().statusCode(200);
        }
        token(BOOTSTRAP_ADMIN_KEY, "198.51.100.4").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("RATE_LIMITED"))
                .body("detail", containsString("this API key"));
    }

    @Test
    void refusesAnAddressThatTriesTooManyKeysAndNoOtherAddress() {
        for (int guess = 0; guess < 5; guess++) {
            token("sb_guess-" + guess, "203.0.113.7").then().statusCode(401);
        }
        token("sb_guess-5", "203.0.113.7").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("RATE_LIMITED"))
                .body("detail", containsString("this address"));
        token("sb_guess-5", "203.0.113.8").then().statusCode(401);
    }
}

package vn.hotline1022.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The console's server side: the page, its settings and the headers that keep it from being framed or sniffed. */
@QuarkusTest
class ConsoleTest {

    @Test
    void thePageIsServedWithHeadersThatProtectIt() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"app.js\"></script>"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                // Connections only to the configured APIs and the realm, never to any origin.
                .header("Content-Security-Policy", containsString("connect-src 'self' "
                        + "http://localhost:8180/realms/hotline1022/ http://localhost:8081 http://localhost:8083"
                        + " http://localhost:8086 http://localhost:8082 http://localhost:8084;"))
                .header("Content-Security-Policy", not(containsString("connect-src 'self' http: https:")))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        given().get("/session.js").then().statusCode(200).body(containsString("code_challenge_method: 'S256'"));
        given().get("/hospital.html").then().statusCode(200).body(containsString("src=\"hospital.js\""));
        given().get("/ops.html").then().statusCode(200).body(containsString("src=\"ops.js\""));
        given().get("/dispatch.html").then().statusCode(200).body(containsString("src=\"dispatch.js\""));
        given().get("/relief.html").then().statusCode(200).body(containsString("src=\"relief.js\""));
        given().get("/request.html").then().statusCode(200).body(containsString("src=\"request.js\""));
        // The chart library, a webjar served from the console's own origin (the CSP allows no other script source).
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
        // The zone map: its page, Leaflet's webjar (script and style) and the district outlines with their licence.
        given().get("/map.html").then().statusCode(200).body(containsString("src=\"map.js\""));
        given().get("/webjars/leaflet/1.9.4/dist/leaflet.js").then().statusCode(200);
        given().get("/webjars/leaflet/1.9.4/dist/leaflet.css").then().statusCode(200);
        given().get("/data/districts.geojson").then().statusCode(200);
        given().get("/data/districts.LICENSE").then().statusCode(200);
    }

    @Test
    void theSettingsTellTheAppWhereKeycloakAndTheApiAre() {
        given().get("/settings.json").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("issuer", equalTo("http://localhost:8180/realms/hotline1022"))
                .body("clientId", equalTo("hotline1022-console"))
                .body("intakeUrl", equalTo("http://localhost:8081"))
                .body("referralUrl", equalTo("http://localhost:8083"))
                .body("opsUrl", equalTo("http://localhost:8086"))
                .body("dispatchUrl", equalTo("http://localhost:8082"))
                .body("reliefUrl", equalTo("http://localhost:8084"));
    }
}

package vn.hotline1022.testkit;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The operations the application under test documents in its OpenAPI document, as {@code "GET /api/v1/teams"}. */
public final class OpenApiOperations {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private OpenApiOperations() {
    }

    public static Set<String> documented() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, byMethod) -> byMethod.keySet().stream().filter(METHODS::contains)
                .forEach(m -> operations.add(m.toUpperCase() + " " + path)));
        return operations;
    }
}

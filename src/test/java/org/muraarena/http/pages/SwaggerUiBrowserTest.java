package org.muraarena.http.pages;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;

/**
 * The Swagger UI renders the API description in a real browser under its page's CSP (the one page
 * allowed inline script, for its own configuration): the operations of every tag show up.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class SwaggerUiBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void theApiIsBrowsableAtSwaggerUi() throws Exception {
        Path chromium = HeadlessChromium.binary().orElse(null);
        if (chromium == null) {
            String notice = "Chromium is not installed (apt-get install -y chromium): the Swagger UI check did not run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(notice);
            }
            Assumptions.abort(notice);
        }
        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            browser.viewport(1280, 900);
            browser.open("http://127.0.0.1:" + root.getPort() + "/q/swagger-ui/");
            String text = Polling.upTo(Duration.ofSeconds(30), "the Swagger UI renders the operations")
                    .until(() -> browser.evaluate("document.body.innerText").asText(),
                            t -> t.contains("/api/submissions/{id}/tag") && t.contains("/api/leaderboard"));
            assertTrue(text.contains("MURA Arena API"), text);
            assertTrue(text.contains("/api/admin/rescore"), text);
        }
    }
}

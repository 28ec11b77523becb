package org.muraarena.http.pages;

import org.muraarena.core.FileTrees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muraarena.http.PageLogin;
import org.muraarena.core.Phase;
import org.muraarena.dataset.baseline.BaselineModel;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;

/**
 * The pages in a real browser, at a desktop and a phone width: nothing wider than the viewport,
 * screenshots that are not blank (kept in {@code target/screenshots/} to look at). Without
 * Chromium this is skipped with a notice locally, and fails on CI ({@code CI=true}).
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class BrowserPagesTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final int[][] SIZES = {{1280, 900}, {390, 844}};

    @TestHTTPResource("/")
    URL root;

    private Path chromium;
    private String base;

    private record Page(String name, String path, String token) {
    }

    @BeforeEach
    void chromium() {
        chromium = HeadlessChromium.binary().orElse(null);
        if (chromium == null) {
            String notice = "Chromium is not installed (apt-get install -y chromium): the real-browser page checks did not run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(notice);
            }
            System.err.println("NOTICE: " + notice);
            Assumptions.abort(notice);
        }
        base = "http://127.0.0.1:" + root.getPort();
    }

    @Test
    void everyPageFitsPhoneAndDesktopWidthsAndRendersVisibly() throws Exception {
        LeaderboardScene scene = LeaderboardScene.get();
        List<Page> pages = List.of(
                new Page("leaderboard", "/", null),
                new Page("team", "/teams/" + scene.leader().id(), null),
                new Page("login", "/login", null),
                new Page("submissions", "/submissions", scene.leader().token()),
                new Page("submission", "/submissions/" + scene.leaderBest(), scene.leader().token()),
                new Page("submission-running", "/submissions/" + scene.running(), scene.unranked().token()),
                new Page("submission-organizer", "/submissions/" + scene.leaderBest(), ArenaTestResource.ADMIN_TOKEN),
                new Page("organizer", "/admin", ArenaTestResource.ADMIN_TOKEN));
        Files.createDirectories(SHOTS);
        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            for (Page page : pages) {
                for (int[] size : SIZES) {
                    int width = size[0];
                    browser.viewport(width, size[1]);
                    if (page.token() != null) {
                        browser.cookie(base + "/", PageSession.COOKIE, PageLogin.session(page.token()));
                    }
                    browser.open(base + page.path());
                    String where = page.name() + " at " + width + " px";
                    JsonNode layout = browser.evaluate("({ url: location.pathname,"
                            + " scrollWidth: document.documentElement.scrollWidth,"
                            + " widest: Math.max(...[...document.body.querySelectorAll('*')]"
                            + "   .filter(e => !e.closest('.table-scroll, pre'))"
                            + "   .map(e => e.getBoundingClientRect().right)) })");
                    assertEquals(page.path(), layout.get("url").asText(), where + ": redirected (cookie not sent?)");
                    assertTrue(layout.get("scrollWidth").asInt() <= width, where + " scrolls sideways: " + layout);
                    assertTrue(layout.get("widest").asDouble() <= width + 0.5, where + " has an element past the edge: " + layout);
                    assertPicture(browser.screenshot(width), width, SHOTS.resolve(page.name() + "-" + width + ".png"));
                }
            }
        }
    }

    @Test
    void leaderboardTableFitsADesktopScrollsInsideItsBoxOnAPhoneAndTheRocCurveIsDrawn() throws Exception {
        LeaderboardScene scene = LeaderboardScene.get();
        // The widest entry a team can make: a 64-character name and model without a space or hyphen, and
        // negative kappas with negative intervals (wider figures). Other test classes put long names and
        // random models on the shared board too, in whatever order they run: the table must fit anyway.
        String word = "RadiographicAbnormalityDetectionConsortium" + Long.toString(System.nanoTime(), 36);
        String longest = (word + "x".repeat(64)).substring(0, 64);
        long wide = LeaderboardScene.scored(PageFixtures.team(longest), longest, -0.8, Instant.parse("2026-03-04T10:00:00Z"));
        Polling.released(wide);
        String box = "(() => { const s = document.querySelector('.table-scroll');"
                + " return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth, rows: s.querySelectorAll('tbody tr').length }; })()";
        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            browser.viewport(1280, 900);
            browser.open(base + "/");
            JsonNode desktop = browser.evaluate(box);
            assertTrue(desktop.get("scrollWidth").asInt() <= desktop.get("clientWidth").asInt(), "the table should fit at 1280 px: " + desktop);
            assertTrue(desktop.get("rows").asInt() >= 3 + 1 + 3, "team rows, the reference heading and three radiologists: " + desktop);

            // Rank intervals: drawn for every entry, styled by the site's stylesheet (no inline style under the CSP).
            JsonNode bars = browser.evaluate("(() => { const svgs = [...document.querySelectorAll('svg.rankbar')];"
                    + " const range = document.querySelector('svg.rankbar .range');"
                    + " return { count: svgs.length, width: svgs[0].getBoundingClientRect().width,"
                    + "   stroke: getComputedStyle(range).stroke, rangeWidth: range.getBBox().width + 1 }; })()");
            assertTrue(bars.get("count").asInt() >= 3 + 3, "an interval per team and reader: " + bars);
            assertEquals(84, bars.get("width").asInt(), bars.toString());
            assertEquals("rgb(44, 95, 138)", bars.get("stroke").asText(), "arena.css colours the bar: " + bars);
            assertTrue(bars.get("rangeWidth").asDouble() >= 1, bars.toString());

            browser.viewport(390, 844);
            browser.open(base + "/");
            JsonNode phone = browser.evaluate(box);
            assertTrue(phone.get("scrollWidth").asInt() > phone.get("clientWidth").asInt(), "the wide table should scroll in its box: " + phone);

            browser.cookie(base + "/", PageSession.COOKIE, PageLogin.session(scene.leader().token()));
            browser.open(base + "/submissions/" + scene.leaderBest());
            JsonNode roc = browser.evaluate("(() => { const svg = document.querySelector('.roc svg').getBoundingClientRect();"
                    + " const line = document.querySelector('.roc .curve').getBBox();"
                    + " return { width: svg.width, lineWidth: line.width, lineHeight: line.height }; })()");
            assertTrue(roc.get("width").asDouble() >= 200, "ROC chart too small: " + roc);
            assertTrue(roc.get("lineWidth").asDouble() > 100 && roc.get("lineHeight").asDouble() > 100, "ROC curve not drawn: " + roc);
        }
    }

    @Test
    void theDryRunsKappaBarsAreDrawnStyledByTheStylesheetAndFitAPhone() throws Exception {
        LeaderboardScene scene = LeaderboardScene.get();
        String summary = "(() => { const section = document.querySelector('.dry-summary');"
                + " const svg = section.querySelector('.kappabars svg');"
                + " const rects = [...svg.querySelectorAll('.bar rect')];"
                + " return { bars: svg.querySelectorAll('.bar').length, right: section.getBoundingClientRect().right,"
                + "   tableRight: section.querySelector('table.confusion').getBoundingClientRect().right,"
                + "   svgWidth: svg.getBoundingClientRect().width,"
                + "   drawn: rects.filter(r => r.getBBox().width > 0).length, rects: rects.length,"
                + "   unstyled: rects.filter(r => getComputedStyle(r).fill"
                + "     !== (r.closest('.negative') ? 'rgb(178, 59, 59)' : 'rgb(44, 95, 138)')).length,"
                + "   agree: getComputedStyle(section.querySelector('td.agree')).backgroundColor }; })()";
        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            browser.cookie(base + "/", PageSession.COOKIE, PageLogin.session(scene.leader().token()));
            for (int[] size : SIZES) {
                browser.viewport(size[0], size[1]);
                browser.open(base + "/submissions/" + scene.leaderBest());
                JsonNode drawn = browser.evaluate(summary);
                String where = size[0] + " px: " + drawn;
                assertEquals(7, drawn.get("bars").asInt(), where);
                assertTrue(drawn.get("rects").asInt() >= 1 && drawn.get("drawn").asInt() >= 1, "bars drawn at " + where);
                assertTrue(drawn.get("right").asDouble() <= size[0] && drawn.get("tableRight").asDouble() <= size[0], where);
                assertTrue(drawn.get("svgWidth").asDouble() >= 300, "chart readable at " + where);
                assertEquals(0, drawn.get("unstyled").asInt(), "arena.css fills the bars (blue, red below 0) at " + where);
                assertEquals("rgb(238, 246, 240)", drawn.get("agree").asText(), "arena.css tints agreeing calls at " + where);
            }
        }
    }

    @Test
    void aRunningSubmissionPageFollowsProgressWithoutAReload() throws Exception {
        PageFixtures.TeamLogin team = PageFixtures.team("Refreshing Radii");
        long id = PageFixtures.submission(team.id(), "live-net", Instant.now());
        PageFixtures.running(id, Phase.DRY_RUN, 10, 75, "[arena] started\n");
        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            browser.viewport(1280, 900);
            browser.cookie(base + "/", PageSession.COOKIE, PageLogin.session(team.token()));
            browser.open(base + "/submissions/" + id);
            browser.evaluate("window.notReloaded = true");
            assertEquals("10 / 75 images", browser.evaluate("document.querySelector('#live .count').textContent").asText());
            PageFixtures.progress(id, Phase.DRY_RUN, 60);
            // The page polls every 5 s; give it two rounds.
            JsonNode seen = browser.evaluate("new Promise(done => { const t0 = Date.now(); (function check() {"
                    + " const text = document.querySelector('#live .count').textContent;"
                    + " if (text.startsWith('60') || Date.now() - t0 > 12000) done({ text, notReloaded: window.notReloaded === true });"
                    + " else setTimeout(check, 200); })(); })");
            assertEquals("60 / 75 images", seen.get("text").asText());
            assertTrue(seen.get("notReloaded").asBoolean(), "the live part should be swapped in, not the page reloaded");
        }
    }

    @Test
    void theDryRunGalleryFitsADesktopAndAPhoneAndFlipsToThePlainRadiograph() throws Exception {
        PageFixtures.TeamLogin team = PageFixtures.team("Gallery Glenoid " + System.nanoTime());
        long id = given().header("Authorization", "Bearer " + team.token())
                .multiPart("artifact", "baseline.onnx", BaselineModel.bytes(), "application/octet-stream")
                .multiPart("manifest", BaselineModel.MANIFEST)
                .when().post("/api/submissions").then().statusCode(202).extract().jsonPath().getLong("id");
        Polling.upTo(Duration.ofSeconds(240), "the baseline's explanations").pollInterval(Duration.ofMillis(500))
                .until(() -> given().header("Authorization", "Bearer " + team.token()).get("/api/submissions/" + id)
                        .then().extract().jsonPath().getString("dryRun.explanationProgress.state"), "DONE"::equals);
        String loaded = "new Promise(done => { const t0 = Date.now(); (function check() {"
                + " const imgs = [...document.querySelectorAll('.shot img')];"
                + " const ready = imgs.filter(i => i.complete && i.naturalWidth > 0).length;"
                + " if (ready === imgs.length || Date.now() - t0 > 20000) done({ count: imgs.length, ready,"
                + "   scrollWidth: document.documentElement.scrollWidth,"
                + "   widest: Math.max(...[...document.querySelectorAll('.explain *')].map(e => e.getBoundingClientRect().right)) });"
                + " else setTimeout(check, 100); })(); })";
        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            for (int[] size : SIZES) {
                int width = size[0];
                browser.viewport(width, size[1]);
                browser.cookie(base + "/", PageSession.COOKIE, PageLogin.session(team.token()));
                browser.open(base + "/submissions/" + id);
                JsonNode gallery = browser.evaluate(loaded);
                assertEquals(8, gallery.get("count").asInt(), gallery.toString());
                assertEquals(8, gallery.get("ready").asInt(), "every picture loads with the page session: " + gallery);
                assertTrue(gallery.get("scrollWidth").asInt() <= width, "gallery at " + width + " px scrolls sideways: " + gallery);
                assertTrue(gallery.get("widest").asDouble() <= width + 0.5, "gallery at " + width + " px overflows: " + gallery);
                browser.evaluate("document.getElementById('explain-title').scrollIntoView()");
                assertPicture(browser.screenshot(width), width, SHOTS.resolve("gallery-" + width + ".png"));
            }
            JsonNode flip = browser.evaluate("(() => { const b = document.querySelector('button.flip'); const before = b.querySelector('img').getAttribute('src');"
                    + " b.click(); const after = b.querySelector('img').getAttribute('src'); b.click();"
                    + " return { before, after, back: b.querySelector('img').getAttribute('src') }; })()");
            assertTrue(flip.get("before").asText().endsWith("/overlay.png"), flip.toString());
            assertTrue(flip.get("after").asText().endsWith("/image.png"), "a click shows the plain radiograph: " + flip);
            assertEquals(flip.get("before").asText(), flip.get("back").asText(), "and a second click the map again");
        }
    }

    @Test
    void leaderboardDomDumpedByTheCommandLineHoldsTheRankedTable() throws Exception {
        LeaderboardScene.get();
        Path profile = Files.createTempDirectory("mura-arena-chromium-");
        List<String> command = HeadlessChromium.command(chromium, profile, 390, 844);
        command.addAll(List.of("--dump-dom", base + "/"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom;
        try {
            dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium --dump-dom did not finish");
        } finally {
            HeadlessChromium.stop(process, profile); // its forked helpers too, before their profile goes
            FileTrees.deleteRecursively(profile);
        }
        assertTrue(dom.contains("<table class=\"board\">"), dom);
        assertTrue(dom.contains("Humerus Maximus") && dom.contains("Radiologist 3"), dom);
        assertTrue(dom.indexOf("Humerus Maximus") < dom.indexOf("Carpal Tunnel Vision"));
    }

    /** The PNG decodes, has the viewport's width, and is not one flat colour. */
    private static void assertPicture(byte[] png, int width, Path file) throws IOException {
        Files.write(file, png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, image.getWidth(), file + " width");
        double sum = 0;
        double squares = 0;
        int samples = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                int rgb = image.getRGB(x, y);
                double luma = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += luma;
                squares += luma * luma;
                samples++;
            }
        }
        double mean = sum / samples;
        double variance = squares / samples - mean * mean;
        assertTrue(variance > 50, file + " looks blank (luminance variance " + variance + ")");
    }
}

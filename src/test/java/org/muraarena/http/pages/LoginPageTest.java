package org.muraarena.http.pages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.team.Tokens;
import org.muraarena.http.PageLogin;
import org.muraarena.http.RawUpload;
import org.muraarena.http.security.PageSessionRecord;
import org.muraarena.testing.ArenaTestResource;

@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class LoginPageTest {

    /** A sign-in post as the login form sends it, with its CSRF cookie and field. */
    private static RequestSpecification form(String token) {
        String csrf = PageLogin.loginCsrf();
        return given().redirects().follow(false).cookie(PageLogin.LOGIN_CSRF_COOKIE, csrf)
                .formParam("token", token).formParam("csrf", csrf);
    }

    @Test
    void loginFormAsksForTheTeamTokenKeepsTheNextPathAndCarriesACsrfToken() {
        given().queryParam("next", "/submissions/42").when().get("/login").then().statusCode(200)
                .body(containsString("<form method=\"post\" action=\"/login\">"))
                .body(containsString("name=\"token\" type=\"password\""))
                .body(containsString("name=\"next\" value=\"/submissions/42\""))
                .body(containsString("name=\"csrf\" value=\"mura_"))
                .header("Set-Cookie", allOf(containsString(PageLogin.LOGIN_CSRF_COOKIE + "="), containsString("HttpOnly"),
                        containsString("SameSite=Strict")));
    }

    @Test
    void signingInOpensASessionWhoseCookieHoldsNoToken() {
        String token = PageFixtures.team("Login Lunates").token();
        String setCookie = form(token).formParam("next", "/submissions/42").when().post("/login").then().statusCode(303)
                .header("Location", endsWith("/submissions/42"))
                .header("Set-Cookie", allOf(containsString("HttpOnly"), containsString("SameSite=Strict"), containsString("Path=/")))
                .header("Set-Cookie", not(containsString("Secure")))
                .extract().headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(PageLogin.SESSION_COOKIE + "="))
                .findFirst().orElseThrow();
        assertEquals(-1, setCookie.indexOf(token), "the cookie must not carry the team token: " + setCookie);
        assertEquals(-1, setCookie.indexOf(token.substring(5)), "not even its random part: " + setCookie);
        String organizer = PageLogin.session(ArenaTestResource.ADMIN_TOKEN);
        assertEquals(-1, organizer.indexOf(ArenaTestResource.ADMIN_TOKEN), "the organizer's master token never sits in a cookie");
    }

    @Test
    void signingOutRevokesTheSessionSoTheOldCookieNoLongerWorks() {
        String session = PageLogin.session(PageFixtures.team("Login Hamates").token());
        given().cookie(PageLogin.SESSION_COOKIE, session).get("/submissions").then().statusCode(200);
        String csrf = PageLogin.csrfOf(session, "/submissions");
        assertNotNull(csrf);
        given().redirects().follow(false).cookie(PageLogin.SESSION_COOKIE, session).formParam("csrf", "forged")
                .post("/logout").then().statusCode(403);
        given().redirects().follow(false).cookie(PageLogin.SESSION_COOKIE, session).formParam("csrf", csrf)
                .post("/logout").then().statusCode(303)
                .header("Set-Cookie", allOf(containsString(PageLogin.SESSION_COOKIE + "="), containsString("Max-Age=0")));
        // a copy of the old cookie (kept by an attacker, or a second tab) is dead too
        given().redirects().follow(false).cookie(PageLogin.SESSION_COOKIE, session).get("/submissions").then().statusCode(303)
                .header("Location", endsWith("/login?next=%2Fsubmissions"));
    }

    @Test
    void anExpiredSessionNoLongerSignsAnyoneIn() {
        String session = PageLogin.session(PageFixtures.team("Login Capitates").token());
        given().cookie(PageLogin.SESSION_COOKIE, session).get("/submissions").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> PageSessionRecord.update("expiresAt = ?1 where idHash = ?2",
                Instant.now().minusSeconds(1), Tokens.hash(session)));
        given().redirects().follow(false).cookie(PageLogin.SESSION_COOKIE, session).get("/submissions").then().statusCode(303);
    }

    @Test
    void aCrossOriginSignInIsRefused() {
        String token = PageFixtures.team("Login Pisiforms").token();
        form(token).header("Origin", "https://evil.example").post("/login").then().statusCode(403)
                .header("Set-Cookie", (String) null);
        // a cross-site form can neither read the CSRF cookie nor (SameSite=Strict) have it sent
        given().redirects().follow(false).formParam("token", token).formParam("csrf", "mura_guess")
                .post("/login").then().statusCode(403).header("Set-Cookie", (String) null);
        String csrf = PageLogin.loginCsrf();
        given().redirects().follow(false).cookie(PageLogin.LOGIN_CSRF_COOKIE, csrf).formParam("token", token)
                .formParam("csrf", PageLogin.loginCsrf()).post("/login").then().statusCode(403);
    }

    @Test
    void loginWithoutNextGoesToTheSubmissionList() {
        String token = PageFixtures.team("Login Scaphoids").token();
        form(token).when().post("/login").then().statusCode(303).header("Location", endsWith("/submissions"));
    }

    @Test
    void loginRefusesToRedirectOffSiteOrToAMalformedPath() {
        String token = PageFixtures.team("Login Trapezia").token();
        for (String next : new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example", "evil", "/ok\r\nX: y",
                "http://x y", "/a b", "/%ZZ"}) {
            form(token).formParam("next", next).when().post("/login").then().statusCode(303)
                    .header("Location", endsWith("/submissions"));
        }
    }

    @Test
    void aMalformedNextOnTheLoginFormFallsBackInsteadOfFailing() throws Exception {
        for (String next : new String[] {"%ZZ", "http://x%20y", "/a%20b%ZZ"}) {
            RawUpload.Answer page = RawUpload.get("/login?next=" + next);
            System.out.println("[login] next=" + next + ": " + page.text().lines().findFirst().orElse(""));
            // the HTTP layer may refuse a malformed query outright (400); a page must fall back, never fail
            assertTrue(page.status() == 400 || page.status() == 200
                    && page.text().contains("name=\"next\" value=\"/submissions\""), page.text());
        }
    }

    @Test
    void aWrongTokenShowsTheFormAgainWithoutASession() {
        form("mura_not-a-token").formParam("next", "/submissions/7")
                .when().post("/login").then().statusCode(401)
                .header("Set-Cookie", (String) null)
                .body(containsString("That token is not valid."))
                .body(containsString("name=\"next\" value=\"/submissions/7\""));
    }

    @Test
    void everyPageSendsTheSecurityHeaders() {
        String session = PageLogin.session(ArenaTestResource.ADMIN_TOKEN);
        for (String page : new String[] {"/", "/login", "/submissions", "/admin", "/teams/999999", "/submissions/999999"}) {
            given().cookie(PageLogin.SESSION_COOKIE, session).get(page).then()
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", allOf(containsString("default-src 'self'"), containsString("frame-ancestors 'none'")))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY");
        }
    }

    @Test
    void landingAcceptsOnlyLocalPaths() {
        assertEquals("/teams/3?x=1", PageSession.landing("/teams/3?x=1"));
        assertEquals("/submissions", PageSession.landing(null));
        assertEquals("/submissions", PageSession.landing("//evil.example"));
        assertEquals("/submissions", PageSession.landing("/\\evil.example"));
        assertEquals("/submissions", PageSession.landing("http://evil.example"));
        assertEquals("/submissions", PageSession.landing("/%ZZ"));
    }
}

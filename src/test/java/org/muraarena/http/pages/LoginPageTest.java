package org.muraarena.http.pages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.muraarena.testing.ArenaTestResource;

@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class LoginPageTest {

    @Test
    void loginFormAsksForTheTeamTokenAndKeepsTheNextPath() {
        given().queryParam("next", "/submissions/42").when().get("/login").then().statusCode(200)
                .body(containsString("<form method=\"post\" action=\"/login\">"))
                .body(containsString("name=\"token\" type=\"password\""))
                .body(containsString("name=\"next\" value=\"/submissions/42\""));
    }

    @Test
    void loginWithATeamTokenSetsAStrictHttpOnlyCookieAndGoesToNext() {
        String token = PageFixtures.team("Login Lunates").token();
        given().redirects().follow(false).formParam("token", token).formParam("next", "/submissions/42")
                .when().post("/login").then().statusCode(303)
                .header("Location", endsWith("/submissions/42"))
                .header("Set-Cookie", allOf(containsString("arena_token=" + token), containsString("HttpOnly"),
                        containsString("SameSite=Strict"), containsString("Path=/")))
                .header("Set-Cookie", not(containsString("Secure")));
    }

    @Test
    void loginWithoutNextGoesToTheSubmissionList() {
        String token = PageFixtures.team("Login Scaphoids").token();
        given().redirects().follow(false).formParam("token", token)
                .when().post("/login").then().statusCode(303).header("Location", endsWith("/submissions"));
    }

    @Test
    void loginRefusesToRedirectOffSite() {
        String token = PageFixtures.team("Login Trapezia").token();
        for (String next : new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example", "evil", "/ok\r\nX: y"}) {
            given().redirects().follow(false).formParam("token", token).formParam("next", next)
                    .when().post("/login").then().statusCode(303).header("Location", endsWith("/submissions"));
        }
    }

    @Test
    void aWrongTokenShowsTheFormAgainWithoutACookie() {
        given().redirects().follow(false).formParam("token", "mura_not-a-token").formParam("next", "/submissions/7")
                .when().post("/login").then().statusCode(401)
                .header("Set-Cookie", (String) null)
                .body(containsString("That token is not valid."))
                .body(containsString("name=\"next\" value=\"/submissions/7\""));
    }

    @Test
    void logoutExpiresTheCookie() {
        given().redirects().follow(false).when().post("/logout").then().statusCode(303)
                .header("Set-Cookie", allOf(containsString("arena_token="), containsString("Max-Age=0")));
    }

    @Test
    void landingAcceptsOnlyLocalPaths() {
        assertEquals("/teams/3?x=1", PageSession.landing("/teams/3?x=1"));
        assertEquals("/submissions", PageSession.landing(null));
        assertEquals("/submissions", PageSession.landing("//evil.example"));
        assertEquals("/submissions", PageSession.landing("/\\evil.example"));
        assertEquals("/submissions", PageSession.landing("http://evil.example"));
    }
}

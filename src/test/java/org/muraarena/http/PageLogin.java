package org.muraarena.http;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in to the pages the way a browser does: the form's CSRF cookie and field, then the token. */
public final class PageLogin {
    public static final String SESSION_COOKIE = "arena_session";
    public static final String LOGIN_CSRF_COOKIE = "arena_login_csrf";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private PageLogin() {
    }

    /** The login form's pre-session CSRF token (cookie and hidden field hold the same value). */
    public static String loginCsrf() {
        Response form = given().get("/login");
        String cookie = form.getCookie(LOGIN_CSRF_COOKIE);
        if (cookie == null || !cookie.equals(csrfIn(form.asString()))) {
            throw new AssertionError("the login form should set its CSRF cookie and field alike");
        }
        return cookie;
    }

    /** Signs in with {@code token} and returns the new session cookie's value. */
    public static String session(String token) {
        String csrf = loginCsrf();
        Response signedIn = given().redirects().follow(false).cookie(LOGIN_CSRF_COOKIE, csrf)
                .formParam("token", token).formParam("csrf", csrf).post("/login");
        if (signedIn.statusCode() != 303 || signedIn.getCookie(SESSION_COOKIE) == null) {
            throw new AssertionError("sign-in failed: " + signedIn.statusCode() + " " + signedIn.asString());
        }
        return signedIn.getCookie(SESSION_COOKIE);
    }

    /** The per-session CSRF token a signed-in page's forms carry. */
    public static String csrfOf(String session, String page) {
        return csrfIn(given().cookie(SESSION_COOKIE, session).get(page).then().statusCode(200).extract().asString());
    }

    public static String csrfIn(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        return m.find() ? m.group(1) : null;
    }
}

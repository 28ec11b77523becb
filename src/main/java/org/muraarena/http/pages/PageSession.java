package org.muraarena.http.pages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.muraarena.core.Refusal;
import org.muraarena.http.security.Authenticator;
import org.muraarena.http.security.Caller;

/**
 * Who is looking at a page: the bearer token a team (or the organizer) typed into the login form,
 * kept in an HttpOnly, SameSite=Strict cookie, and checked exactly as the API checks its header.
 */
@ApplicationScoped
public class PageSession {
    public static final String COOKIE = "arena_token";
    static final String DEFAULT_LANDING = "/submissions";

    private final Authenticator authenticator;

    public PageSession(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The caller a cookie's token belongs to; empty without a cookie or with a wrong or revoked token. */
    public Optional<Caller> caller(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(authenticator.caller("Bearer " + token));
        } catch (Refusal e) {
            return Optional.empty();
        }
    }

    /** Sends someone without a valid cookie to the login form, which brings them back to {@code path}. */
    public static Response toLogin(String path) {
        return Response.seeOther(URI.create("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8))).build();
    }

    /** The session cookie; {@code Secure} when the page was served over HTTPS (plain HTTP would drop it). */
    static NewCookie cookie(String token, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(token).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** A cookie that replaces the session cookie and expires at once. */
    static NewCookie expired(boolean secure) {
        return new NewCookie.Builder(COOKIE).value("").path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    /**
     * Where to go after logging in: {@code next} if it is a path on this site, else the submission
     * list. "//host" and backslashes are refused because browsers read them as another host: an
     * open redirect would let a phishing link borrow this site's login page.
     */
    static String landing(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//")) {
            return DEFAULT_LANDING;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                return DEFAULT_LANDING;
            }
        }
        return next;
    }
}

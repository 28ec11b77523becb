package org.muraarena.http.pages;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import org.muraarena.core.ArenaConfig;
import org.muraarena.http.security.PageSessions;

/**
 * The cookies of the pages: the session cookie (a random id, never a token) and the sign-in
 * form's pre-session CSRF cookie; both HttpOnly and SameSite=Strict, and where to land after
 * signing in.
 */
final class PageSession {
    static final String COOKIE = PageSessions.COOKIE;
    /** The login form's double-submit token: a cross-site form cannot read or set it. */
    static final String LOGIN_CSRF_COOKIE = "arena_login_csrf";
    static final String DEFAULT_LANDING = "/submissions";

    private PageSession() {
    }

    /** {@code Secure} when configured (TLS ends at a proxy) or when the page was served over HTTPS. */
    static boolean secure(ArenaConfig config, UriInfo uri) {
        return config.sessions().secureCookie() || "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
    }

    static NewCookie cookie(String name, String value, boolean secure) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** A cookie that replaces {@code name} and expires at once. */
    static NewCookie expired(String name, boolean secure) {
        return new NewCookie.Builder(name).value("").path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    /**
     * Where to go after logging in: {@code next} if it is a valid path on this site, else the
     * submission list. "//host" and backslashes are refused because browsers read them as another
     * host: an open redirect would let a phishing link borrow this site's login page. Anything
     * that is not a well-formed URI path (spaces, bad escapes) falls back too, never a 500.
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
        try {
            URI uri = new URI(next);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? next : DEFAULT_LANDING;
        } catch (URISyntaxException e) {
            return DEFAULT_LANDING;
        }
    }

    /**
     * Whether a form post comes from this site: its Origin header (sent by every current browser
     * on a POST) names this host. A missing Origin is let through; the CSRF token still decides.
     */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        try {
            URI uri = new URI(origin);
            return host != null && uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

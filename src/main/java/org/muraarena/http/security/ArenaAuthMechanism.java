package org.muraarena.http.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The one way in: an {@code Authorization: Bearer} token (API callers, workers, scripts) or, on
 * pages only, the page session cookie. Runs proactively, before any resource reads a body, so a
 * stranger's upload is refused unread. A wrong bearer token is a 401; a dead session cookie is
 * simply no session (the page then asks to sign in). The API never accepts the cookie, so a
 * cross-site request can never reach it with a browser's ambient credentials.
 */
@ApplicationScoped
public class ArenaAuthMechanism implements HttpAuthenticationMechanism {
    public static final String UNAUTHORIZED_JSON = "{\"error\":\"missing or wrong bearer token\"}";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            String token = bearer(header);
            if (token == null) {
                return Uni.createFrom().failure(new AuthenticationFailedException("not a bearer token"));
            }
            AuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
            return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
        }
        Cookie cookie = context.request().getCookie(PageSessions.COOKIE);
        if (cookie == null || isApi(context) || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        SessionRequest request = new SessionRequest(cookie.getValue());
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class, SessionRequest.class);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (isApi(context)) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
        }
        return Uni.createFrom().item(new ChallengeData(303, HttpHeaders.LOCATION, toLogin(context)));
    }

    /** The API's 401 in its usual JSON shape; a page's "please sign in" as a redirect that comes back. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        var response = context.response();
        if (response.ended() || response.headWritten()) {
            return Uni.createFrom().item(true);
        }
        if (isApi(context)) {
            response.setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    // the body of a refused upload is never read: the client must not reuse the connection
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(UNAUTHORIZED_JSON);
        } else {
            response.setStatusCode(303).putHeader(HttpHeaders.LOCATION, toLogin(context)).end();
        }
        return Uni.createFrom().item(true);
    }

    private static String toLogin(RoutingContext context) {
        return toLogin(context.request().uri());
    }

    /** The sign-in form, which brings the visitor back to {@code uri} (path and query) afterwards. */
    public static String toLogin(String uri) {
        return "/login?next=" + URLEncoder.encode(uri, StandardCharsets.UTF_8);
    }

    static boolean isApi(RoutingContext context) {
        String path = context.normalizedPath();
        // and the operator's endpoints (/q/metrics): a Prometheus scraper wants a 401, not a sign-in page
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/q/");
    }

    private static String bearer(String header) {
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}

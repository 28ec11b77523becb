package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.muraarena.competition.team.Tokens;
import org.muraarena.core.ArenaConfig;
import org.muraarena.http.security.CurrentCaller;
import org.muraarena.http.security.PageSessions;
import org.muraarena.http.security.SignIn;

/**
 * Signing in to the pages with a team token (the one {@code POST /api/teams} returned) or the
 * organizer's, and signing out. The token opens a server-side session; the cookie holds only the
 * session's random id. The form carries a pre-session CSRF token (cookie + hidden field), and a
 * post from another origin is refused, so a cross-site page cannot sign a victim in.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String next, String error, String csrf);
    }

    private final SignIn signIn;
    private final PageSessions sessions;
    private final CurrentCaller caller;
    private final ArenaConfig config;

    public LoginPage(SignIn signIn, PageSessions sessions, CurrentCaller caller, ArenaConfig config) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.caller = caller;
        this.config = config;
    }

    /** {@code next} arrives still encoded: a malformed escape falls back to the default landing, not a 500. */
    @GET
    @Path("login")
    public Response form(@QueryParam("next") @Encoded String next, @Context UriInfo uri) {
        String csrf = Tokens.newToken();
        return Response.ok(Templates.login(PageSession.landing(decode(next)), null, csrf))
                .cookie(PageSession.cookie(PageSession.LOGIN_CSRF_COOKIE, csrf, PageSession.secure(config, uri))).build();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("token") String token, @FormParam("next") String next, @FormParam("csrf") String csrf,
            @CookieParam(PageSession.LOGIN_CSRF_COOKIE) String csrfCookie, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host, @Context UriInfo uri) {
        String landing = PageSession.landing(next);
        if (!PageSession.sameOrigin(origin, host) || csrf == null || csrfCookie == null || !Tokens.same(csrf, csrfCookie)) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                    .entity("This sign-in did not come from this site's sign-in form; open /login and try again.").build();
        }
        String trimmed = token == null ? "" : token.trim();
        Optional<PageSessions.Opened> opened = signIn.withToken(trimmed);
        if (opened.isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(Templates.login(landing, trimmed.isEmpty() ? "Enter your token." : "That token is not valid.", csrf))
                    .build();
        }
        boolean secure = PageSession.secure(config, uri);
        return Response.seeOther(URI.create(landing))
                .cookie(PageSession.cookie(PageSession.COOKIE, opened.get().id(), secure),
                        PageSession.expired(PageSession.LOGIN_CSRF_COOKIE, secure))
                .build();
    }

    /** Revokes the session (the old cookie stops working everywhere) when the form is genuine. */
    @POST
    @Path("logout")
    public Response logout(@FormParam("csrf") String csrf, @Context UriInfo uri) {
        Optional<String> session = caller.sessionId();
        if (session.isPresent()) {
            if (!caller.formIsGenuine(csrf)) {
                return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                        .entity("This sign-out did not come from this site's pages.").build();
            }
            sessions.revoke(session.get());
        }
        return Response.seeOther(URI.create("/")).cookie(PageSession.expired(PageSession.COOKIE, PageSession.secure(config, uri))).build();
    }

    private static String decode(String encoded) {
        if (encoded == null) {
            return null;
        }
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package org.muraarena.http.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A page request carrying a session cookie: the raw session id, looked up by its hash. */
public final class SessionRequest extends BaseAuthenticationRequest {
    private final String sessionId;

    public SessionRequest(String sessionId) {
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}

package org.muraarena.core;

import java.util.List;
import java.util.Map;

/**
 * A request the API refuses, with its HTTP status and a message for the caller. Thrown by
 * services; mapped to {@code {"error": "..."}} (plus {@code problems} where there are several).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final List<String> problems;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, List.of(), Map.of());
    }

    public ApiException(int status, String message, List<String> problems, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public List<String> problems() {
        return problems;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "missing or wrong bearer token");
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found");
    }
}

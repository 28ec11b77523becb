package org.muraarena.http.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import org.muraarena.core.Refusal;

/**
 * The {@code manifest} part of an upload, as a form field or as a file part, read only when it is
 * within its cap: a manifest is a few hundred bytes of JSON, never worth megabytes of memory.
 */
final class ManifestPart {
    /** Also bounds form fields: {@code quarkus.http.limits.max-form-attribute-size} is set above it. */
    static final int MAX_BYTES = 64 * 1024;

    private ManifestPart() {
    }

    /** The manifest's text; null when the part is missing. */
    static String read(MultipartFormDataInput form) {
        Collection<FormValue> parts = form.getValues().get("manifest");
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        FormValue part = parts.iterator().next();
        if (!part.isFileItem()) {
            String value = part.getValue();
            if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw tooLarge(value.getBytes(StandardCharsets.UTF_8).length);
            }
            return value;
        }
        try {
            long size = part.getFileItem().getFileSize();
            if (size > MAX_BYTES) {
                throw tooLarge(size);
            }
            try (InputStream in = part.getFileItem().getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new Refusal.InvalidInput("the manifest part could not be read: " + e.getMessage());
        }
    }

    private static Refusal tooLarge(long size) {
        return new Refusal.InvalidInput("the manifest is " + size + " bytes; a manifest is at most " + MAX_BYTES + " bytes");
    }
}

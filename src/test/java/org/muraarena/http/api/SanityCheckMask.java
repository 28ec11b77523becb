package org.muraarena.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * The pair tests' one allowance for a dry run's explanations: the sanity check's verdict
 * ({@code reliable}, {@code correlation}, {@code message}) and its sentence on the page. The two
 * models of a pair behave alike on every sample image, but the check runs them on occluded
 * sample images and with a randomised last layer, where different graphs legitimately differ.
 * No hidden image is ever part of it; the picked studies, labels and probabilities stay compared.
 */
final class SanityCheckMask {
    private static final Pattern SENTENCE = Pattern.compile("(?s)<p class=\"[^\"]*\\bsanity\\b[^\"]*\"[^>]*>.*?</p>");

    private SanityCheckMask() {
    }

    /** Masks the verdict when {@code object} is a run view with explanations. */
    static void json(ObjectNode object, String mask) {
        if (object.get("explanationProgress") instanceof ObjectNode progress) {
            if (object.has("reliable")) {
                object.put("reliable", mask);
            }
            progress.put("correlation", mask);
            progress.put("message", mask);
        }
    }

    static String html(String page, String mask) {
        return SENTENCE.matcher(page).replaceAll(mask);
    }
}

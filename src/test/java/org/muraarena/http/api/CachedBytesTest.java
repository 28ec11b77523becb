package org.muraarena.http.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CachedBytesTest {
    private static final String TAG = "\"0123456789abcdef0123456789abcdef\"";

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsListsAndAStar() {
        assertTrue(CachedBytes.matches(TAG, TAG));
        assertTrue(CachedBytes.matches("W/" + TAG, TAG));
        assertTrue(CachedBytes.matches("\"old\", " + TAG, TAG));
        assertTrue(CachedBytes.matches("*", TAG));
        assertFalse(CachedBytes.matches(null, TAG));
        assertFalse(CachedBytes.matches("", TAG));
        assertFalse(CachedBytes.matches("\"old\"", TAG));
        assertFalse(CachedBytes.matches(TAG.replace("\"", ""), TAG), "an unquoted value is not the tag");
    }
}

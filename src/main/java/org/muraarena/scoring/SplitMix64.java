package org.muraarena.scoring;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a tiny, fully specified generator. The bootstrap uses it
 * rather than {@link java.util.Random} so that an independent implementation (the golden-vector
 * script) can draw exactly the same resamples and check our intervals to 1e-9.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform index in [0, n): the top 53 bits as a double in [0,1), scaled and truncated. */
    int nextIndex(int n) {
        return (int) ((double) (nextLong() >>> 11) * 0x1.0p-53 * n);
    }
}

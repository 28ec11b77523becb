package org.muraarena.sandbox.onnx;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws an {@link OcclusionMap} at its radiograph's own size, pure java.awt: the grid is
 * upsampled bilinearly between patch centres, and a signed value v becomes the Turbo colour at
 * 0.5 + 0.5·v/s, so evidence for "abnormal" is warm (red), evidence against it cool (blue) and
 * no change green. s is the map's largest |change|, but at least {@link #MIN_SCALE}, so the
 * noise of a map in which nothing matters stays faint instead of being stretched to full colour.
 * The overlay lays that colour over the radiograph in grey with alpha {@link #ALPHA}·|v|/s.
 * Same map, same bytes (PNG without timestamps).
 */
final class OcclusionImages {
    static final double MIN_SCALE = 0.02;
    static final double ALPHA = 0.6;
    /** Google's Turbo colour map at 33 even steps (sRGB, as matplotlib tabulates it); linear in between. */
    private static final int[] TURBO = {0x30123b, 0x392a73, 0x4040a2, 0x4456c7, 0x466be3, 0x4680f6, 0x4294ff,
        0x37a8fa, 0x28bceb, 0x1ccdd8, 0x18ddc2, 0x1fe9af, 0x32f298, 0x4ef97d, 0x6dfe62, 0x8bff4b, 0xa4fc3c,
        0xb9f635, 0xcdec34, 0xdfdf37, 0xeecf3a, 0xf8be39, 0xfdac34, 0xfe962b, 0xfb7e21, 0xf46617, 0xeb500e,
        0xdf3f08, 0xd02f05, 0xbe2102, 0xa91601, 0x920b01, 0x7a0403};

    private OcclusionImages() {
    }

    /** The radiograph (a w×h luminance plane, 0–255) in grey with the map laid over it. */
    static BufferedImage overlay(OcclusionMap map, float[] luminance, int w, int h) {
        double[] v = upsample(map, w, h);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double grey = Math.max(0, Math.min(255, luminance[i]));
                double a = ALPHA * Math.abs(v[i]);
                int c = turbo(0.5 + 0.5 * v[i]);
                rgb[x] = blend(grey, c >> 16 & 0xff, a) << 16 | blend(grey, c >> 8 & 0xff, a) << 8 | blend(grey, c & 0xff, a);
            }
            out.setRGB(0, y, w, 1, rgb, 0, w);
        }
        return out;
    }

    /** The colour map alone, w×h. */
    static BufferedImage plain(OcclusionMap map, int w, int h) {
        double[] v = upsample(map, w, h);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb[x] = turbo(0.5 + 0.5 * v[y * w + x]);
            }
            out.setRGB(0, y, w, 1, rgb, 0, w);
        }
        return out;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a memory stream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Per pixel, the map's value divided by its scale, in [-1, 1]: bilinear between patch
     * centres ((i+1)·side/(grid+1)), constant beyond the outer ones.
     */
    static double[] upsample(OcclusionMap map, int w, int h) {
        int g = map.grid();
        double scale = Math.max(map.peak(), MIN_SCALE);
        int[] x0 = new int[w];
        int[] x1 = new int[w];
        double[] fx = new double[w];
        axis(w, g, x0, x1, fx);
        int[] y0 = new int[h];
        int[] y1 = new int[h];
        double[] fy = new double[h];
        axis(h, g, y0, y1, fy);
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double top = map.value(y0[y], x0[x]) * (1 - fx[x]) + map.value(y0[y], x1[x]) * fx[x];
                double bottom = map.value(y1[y], x0[x]) * (1 - fx[x]) + map.value(y1[y], x1[x]) * fx[x];
                double v = (top * (1 - fy[y]) + bottom * fy[y]) / scale;
                out[y * w + x] = Math.max(-1, Math.min(1, v));
            }
        }
        return out;
    }

    private static void axis(int side, int g, int[] lo, int[] hi, double[] f) {
        for (int p = 0; p < side; p++) {
            double u = Math.max(0, Math.min(g - 1, (p + 0.5) * (g + 1) / side - 1));
            lo[p] = (int) u;
            hi[p] = Math.min(lo[p] + 1, g - 1);
            f[p] = u - lo[p];
        }
    }

    /** Turbo at t in [0, 1] as 0xRRGGBB. */
    static int turbo(double t) {
        double u = Math.max(0, Math.min(1, t)) * (TURBO.length - 1);
        int i = Math.min((int) u, TURBO.length - 2);
        double f = u - i;
        int a = TURBO[i];
        int b = TURBO[i + 1];
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double c = (a >> shift & 0xff) * (1 - f) + (b >> shift & 0xff) * f;
            rgb |= (int) Math.round(c) << shift;
        }
        return rgb;
    }

    private static int blend(double grey, int colour, double alpha) {
        return (int) Math.round(grey * (1 - alpha) + colour * alpha);
    }
}

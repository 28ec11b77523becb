package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class OcclusionImagesTest {
    private static final int W = 37;
    private static final int H = 23;

    private static float[] plane() {
        float[] lum = new float[W * H];
        for (int i = 0; i < lum.length; i++) {
            lum[i] = (i * 11) % 256;
        }
        return lum;
    }

    /** Positive in the top-left cell, negative in the bottom-right one, zero elsewhere. */
    private static OcclusionMap signed() {
        double[] v = new double[16];
        v[0] = 0.4;
        v[15] = -0.4;
        return new OcclusionMap(4, 0.7, v);
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void bothPngsDecodeAtTheRadiographsSize() throws Exception {
        BufferedImage overlay = decode(OcclusionImages.png(OcclusionImages.overlay(signed(), plane(), W, H)));
        BufferedImage plain = decode(OcclusionImages.png(OcclusionImages.plain(signed(), W, H)));
        assertEquals(W, overlay.getWidth());
        assertEquals(H, overlay.getHeight());
        assertEquals(W, plain.getWidth());
        assertEquals(H, plain.getHeight());
    }

    @Test
    void theSameMapGivesTheSameBytes() {
        assertArrayEquals(OcclusionImages.png(OcclusionImages.overlay(signed(), plane(), W, H)),
                OcclusionImages.png(OcclusionImages.overlay(signed(), plane(), W, H)));
        assertArrayEquals(OcclusionImages.png(OcclusionImages.plain(signed(), W, H)),
                OcclusionImages.png(OcclusionImages.plain(signed(), W, H)));
    }

    @Test
    void evidenceForAbnormalIsWarmAgainstItCoolAndNoChangeLeavesTheRadiographGrey() throws Exception {
        BufferedImage plain = OcclusionImages.plain(signed(), W, H);
        int warm = plain.getRGB(0, 0);
        int cool = plain.getRGB(W - 1, H - 1);
        assertTrue((warm >> 16 & 0xff) > (warm & 0xff), Integer.toHexString(warm));
        assertTrue((cool & 0xff) > (cool >> 16 & 0xff), Integer.toHexString(cool));
        float[] lum = plane();
        BufferedImage overlay = OcclusionImages.overlay(new OcclusionMap(4, 0.7, new double[16]), lum, W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int grey = (int) lum[y * W + x];
                assertEquals(grey << 16 | grey << 8 | grey, overlay.getRGB(x, y) & 0xffffff, x + "," + y);
            }
        }
    }

    @Test
    void noiseStaysFaint() {
        double[] v = new double[16];
        v[5] = 0.002; // a tenth of the smallest scale
        double[] up = OcclusionImages.upsample(new OcclusionMap(4, 0.5, v), W, H);
        double max = 0;
        for (double d : up) {
            max = Math.max(max, Math.abs(d));
        }
        assertTrue(max > 0.05 && max <= 0.1 + 1e-12, "at most 0.002 / 0.02 of full colour: " + max);
    }
}

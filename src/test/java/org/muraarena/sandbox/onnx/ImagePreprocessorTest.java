package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.core.Manifest;

/** Tiny hand-made images whose tensors are worked out by hand. */
class ImagePreprocessorTest {
    private static final float EPS = 1e-4f;

    /** One channel, no scaling, no normalisation: the tensor is the resized luminance itself. */
    private static Manifest.Input raw(int width, int height, Manifest.Resize resize) {
        return new Manifest.Input(null, Manifest.Layout.NCHW, 1, height, width, 1.0, List.of(0.0), List.of(1.0), resize);
    }

    private static float[] tensor(Manifest.Input input, BufferedImage image) {
        ImagePreprocessor pre = new ImagePreprocessor(input);
        float[] out = new float[pre.floatsPerImage() + 2];
        pre.write(image, out, 1); // at an offset, as in a batch
        return java.util.Arrays.copyOfRange(out, 1, out.length - 1);
    }

    private static BufferedImage gray(int width, int height, int... values) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, width, height, values);
        return image;
    }

    @Test
    void stretchUpsamplesBilinearlyWithHalfPixelCentres() {
        // Source x for output x: (x + 0.5) / 2 − 0.5 = −0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        float[] t = tensor(raw(4, 4, Manifest.Resize.STRETCH), gray(2, 2, 0, 100, 200, 40));
        assertArrayEquals(new float[] {
            0, 25, 75, 100,
            50, 58.75f, 76.25f, 85,
            150, 126.25f, 78.75f, 55,
            200, 160, 80, 40}, t, EPS);
    }

    @Test
    void stretchDownsamplingAveragesNeighbourPairs() {
        // (x + 0.5) · 2 − 0.5 = 0.5 and 2.5: halfway between pixels 0|1 and 2|3; rows alike.
        float[] t = tensor(raw(2, 1, Manifest.Resize.STRETCH), gray(4, 2, 0, 10, 20, 30, 0, 10, 20, 30));
        assertArrayEquals(new float[] {5, 25}, t, EPS);
    }

    @Test
    void letterboxKeepsAspectCentresAndPadsBlackBeforeNormalising() {
        // 2×1 into 4×4: scale 2 → 4×2 at rows 1–2; rows 0 and 3 are black (0, then (0/255 − 0.5) / 0.5 = −1).
        Manifest.Input in = new Manifest.Input(null, Manifest.Layout.NCHW, 1, 4, 4, 255.0, List.of(0.5), List.of(0.5),
                Manifest.Resize.LETTERBOX);
        float[] t = tensor(in, gray(2, 1, 0, 255));
        float[] content = {-1, -0.5f, 0.5f, 1}; // 0, 63.75, 191.25, 255 normalised
        float[] pad = {-1, -1, -1, -1};
        float[] expected = new float[16];
        System.arraycopy(pad, 0, expected, 0, 4);
        System.arraycopy(content, 0, expected, 4, 4);
        System.arraycopy(content, 0, expected, 8, 4);
        System.arraycopy(pad, 0, expected, 12, 4);
        assertArrayEquals(expected, t, EPS);
    }

    @Test
    void letterboxOfATallImagePadsLeftAndRight() {
        float[] t = tensor(raw(4, 2, Manifest.Resize.LETTERBOX), gray(1, 2, 80, 80));
        // 1×2 into 4×2: scale 1 → 1×2 at column (4 − 1) / 2 = 1.
        assertArrayEquals(new float[] {0, 80, 0, 0, 0, 80, 0, 0}, t, EPS);
    }

    @Test
    void scaleMeanAndStdApplyPerChannelInNchwAndNhwcOrder() {
        BufferedImage image = gray(2, 1, 51, 102); // 0.2 and 0.4 after scale 255
        List<Double> mean = List.of(0.1, 0.2, 0.3);
        List<Double> std = List.of(0.5, 0.25, 0.125);
        Manifest.Input nchw = new Manifest.Input(null, Manifest.Layout.NCHW, 3, 1, 2, 255.0, mean, std,
                Manifest.Resize.STRETCH);
        Manifest.Input nhwc = new Manifest.Input(null, Manifest.Layout.NHWC, 3, 1, 2, 255.0, mean, std,
                Manifest.Resize.STRETCH);
        // channel 0: (0.2 − 0.1)/0.5, (0.4 − 0.1)/0.5; channel 1: 0, 0.8; channel 2: −0.8, 0.8
        assertArrayEquals(new float[] {0.2f, 0.6f, 0, 0.8f, -0.8f, 0.8f}, tensor(nchw, image), EPS);
        assertArrayEquals(new float[] {0.2f, 0, -0.8f, 0.6f, 0.8f, 0.8f}, tensor(nhwc, image), EPS);
    }

    @Test
    void rgbBecomesItsLuminance() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        image.setRGB(1, 0, 0x00ff00);
        image.setRGB(2, 0, 0x0a141e); // (10, 20, 30)
        float[] t = tensor(raw(3, 1, Manifest.Resize.STRETCH), image);
        assertArrayEquals(new float[] {0.299f * 255, 0.587f * 255, 2.99f + 11.74f + 3.42f}, t, EPS);
    }

    @Test
    void pngsOfEveryKindReadAsStoredLuminance(@TempDir Path dir) throws IOException {
        Manifest.Input in = raw(2, 1, Manifest.Resize.STRETCH);
        // 8-bit gray as stored: getRGB would have turned 37 into 105 (linear gray to sRGB).
        assertArrayEquals(new float[] {37, 200}, load(in, dir, "gray8.png", gray(2, 1, 37, 200)), EPS);

        BufferedImage gray16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setPixels(0, 0, 2, 1, new int[] {65535, 257 * 100});
        assertArrayEquals(new float[] {255, 100}, load(in, dir, "gray16.png", gray16), EPS);

        IndexColorModel palette = new IndexColorModel(1, 2, new byte[] {10, 0}, new byte[] {20, 0}, new byte[] {30, (byte) 255});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        indexed.getRaster().setPixels(0, 0, 2, 1, new int[] {0, 1});
        assertArrayEquals(new float[] {18.15f, 0.114f * 255}, load(in, dir, "indexed.png", indexed), EPS);

        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x000000ff); // fully transparent blue: alpha is ignored
        argb.setRGB(1, 0, 0xff808080);
        assertArrayEquals(new float[] {0.114f * 255, 128}, load(in, dir, "argb.png", argb), EPS);
    }

    @Test
    void sizesAreTheManifests() {
        Manifest.Input in = new Manifest.Input(null, Manifest.Layout.NHWC, 3, 320, 224, 255.0,
                List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225), Manifest.Resize.STRETCH);
        assertEquals(3 * 320 * 224, new ImagePreprocessor(in).floatsPerImage());
    }

    private static float[] load(Manifest.Input in, Path dir, String name, BufferedImage image) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        ImagePreprocessor pre = new ImagePreprocessor(in);
        float[] out = new float[pre.floatsPerImage()];
        pre.load(file, out, 0);
        return out;
    }
}

package org.muraarena.sandbox.onnx;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.muraarena.core.Manifest;

/**
 * Turns one radiograph into the model's input exactly as the manifest says (docs/DESIGN.md): luminance,
 * resized to height×width (stretch, or letterbox padded with black), divided by {@code scale},
 * replicated to {@code channels}, (x − mean[c]) / std[c], written NCHW or NHWC. Pure Java,
 * stateless and thread-safe, so a pool of threads can fill one batch.
 */
public final class ImagePreprocessor {
    static {
        // ImageIO would otherwise buffer every stream read in a temp file under java.io.tmpdir.
        ImageIO.setUseCache(false);
    }

    private final int channels;
    private final int height;
    private final int width;
    private final boolean channelsLast;
    private final boolean letterbox;
    /** (v / scale − mean) / std as one multiply-add per value: v * gain[c] + offset[c]. */
    private final float[] gain;
    private final float[] offset;

    public ImagePreprocessor(Manifest.Input input) {
        this.channels = input.channels();
        this.height = input.height();
        this.width = input.width();
        this.channelsLast = input.layout() == Manifest.Layout.NHWC;
        this.letterbox = input.resize() == Manifest.Resize.LETTERBOX;
        if (input.mean().size() != channels || input.std().size() != channels) {
            throw new IllegalArgumentException("mean and std need one value per channel: " + input);
        }
        gain = new float[channels];
        offset = new float[channels];
        for (int c = 0; c < channels; c++) {
            double std = input.std().get(c);
            gain[c] = (float) (1.0 / (input.scale() * std));
            offset[c] = (float) (-input.mean().get(c) / std);
        }
    }

    /** Floats one image takes: channels × height × width. */
    public int floatsPerImage() {
        return channels * height * width;
    }

    /** Decodes {@code png} and writes its tensor into {@code dest} from {@code destOffset}. */
    public void load(Path png, float[] dest, int destOffset) throws IOException {
        // One read into memory beats ImageIO's small unbuffered reads on a RandomAccessFile.
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
        if (image == null) {
            throw new IOException("not a readable image: " + png);
        }
        write(image, dest, destOffset);
    }

    /** Writes the tensor of an already decoded image. */
    public void write(BufferedImage image, float[] dest, int destOffset) {
        writeLuminance(luminance(image), image.getWidth(), image.getHeight(), dest, destOffset);
    }

    /**
     * Writes the tensor of a w×h luminance plane (0–255, row-major, as {@link #luminance} gives):
     * what {@link #write} does after reading the image, for planes edited in image space
     * (occlusion maps).
     */
    void writeLuminance(float[] luminance, int w, int h, float[] dest, int destOffset) {
        float[] plane = resize(luminance, w, h);
        int hw = height * width;
        for (int c = 0; c < channels; c++) {
            float g = gain[c];
            float o = offset[c];
            if (channelsLast) {
                for (int i = 0, j = destOffset + c; i < hw; i++, j += channels) {
                    dest[j] = plane[i] * g + o;
                }
            } else {
                int base = destOffset + c * hw;
                for (int i = 0; i < hw; i++) {
                    dest[base + i] = plane[i] * g + o;
                }
            }
        }
    }

    /**
     * The image's luminance on a 0–255 scale, row-major. Gray images are read as stored (never
     * through {@code getRGB}, which would apply Java's linear-gray-to-sRGB conversion and change
     * the values); RGB is 0.299R + 0.587G + 0.114B; alpha is ignored; 16-bit and packed 1/2/4-bit
     * samples are rescaled to 0–255.
     */
    static float[] luminance(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        float[] out = new float[w * h];
        if (cm instanceof IndexColorModel palette) {
            int[] index = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int i = 0; i < out.length; i++) {
                int p = index[i];
                out[i] = 0.299f * palette.getRed(p) + 0.587f * palette.getGreen(p) + 0.114f * palette.getBlue(p);
            }
            return out;
        }
        if (cm.getNumColorComponents() == 1) {
            int[] gray = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            float k = toByteScale(raster, 0);
            for (int i = 0; i < out.length; i++) {
                out[i] = gray[i] * k;
            }
            return out;
        }
        float[] weight = {0.299f, 0.587f, 0.114f};
        int[] band = new int[w * h];
        for (int b = 0; b < 3; b++) {
            raster.getSamples(0, 0, w, h, b, band);
            float k = weight[b] * toByteScale(raster, b);
            for (int i = 0; i < out.length; i++) {
                out[i] += band[i] * k;
            }
        }
        return out;
    }

    private static float toByteScale(Raster raster, int band) {
        int bits = raster.getSampleModel().getSampleSize(band);
        return bits == 8 ? 1f : (float) (255.0 / ((1L << bits) - 1));
    }

    /** Resizes the w×h plane to the manifest's height×width, stretched or letterboxed. */
    private float[] resize(float[] src, int w, int h) {
        float[] dst = new float[height * width];
        if (!letterbox) {
            bilinear(src, w, h, dst, width, 0, 0, width, height);
            return dst;
        }
        double s = Math.min((double) width / w, (double) height / h);
        int nw = Math.max(1, Math.min(width, (int) Math.round(w * s)));
        int nh = Math.max(1, Math.min(height, (int) Math.round(h * s)));
        // The rest of dst stays 0: black bars, before normalisation (as letterboxing tools pad).
        bilinear(src, w, h, dst, width, (width - nw) / 2, (height - nh) / 2, nw, nh);
        return dst;
    }

    /**
     * Bilinear resampling with half-pixel centres, as PyTorch's interpolate(align_corners=False)
     * and OpenCV's INTER_LINEAR without antialiasing: source coordinate (d + 0.5) · in/out − 0.5,
     * clamped to the image. Writes the nw×nh result at (x0, y0) of dst, whose rows are
     * {@code stride} long.
     */
    static void bilinear(float[] src, int w, int h, float[] dst, int stride, int x0, int y0, int nw, int nh) {
        int[] left = new int[nw];
        int[] right = new int[nw];
        float[] fx = new float[nw];
        for (int x = 0; x < nw; x++) {
            double sx = Math.min(w - 1, Math.max(0, (x + 0.5) * w / nw - 0.5));
            left[x] = (int) sx;
            right[x] = Math.min(left[x] + 1, w - 1);
            fx[x] = (float) (sx - left[x]);
        }
        for (int y = 0; y < nh; y++) {
            double sy = Math.min(h - 1, Math.max(0, (y + 0.5) * h / nh - 0.5));
            int top = (int) sy;
            int bottom = Math.min(top + 1, h - 1) * w;
            float fy = (float) (sy - top);
            top *= w;
            int row = (y0 + y) * stride + x0;
            for (int x = 0; x < nw; x++) {
                float a = src[top + left[x]];
                float b = src[top + right[x]];
                float c = src[bottom + left[x]];
                float d = src[bottom + right[x]];
                float upper = a + (b - a) * fx[x];
                float lower = c + (d - c) * fx[x];
                dst[row + x] = upper + (lower - upper) * fy;
            }
        }
    }
}

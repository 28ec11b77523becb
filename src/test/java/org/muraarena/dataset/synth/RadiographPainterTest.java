package org.muraarena.dataset.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import org.muraarena.core.BodyPart;
import org.junit.jupiter.api.Test;

class RadiographPainterTest {

    @Test
    void sameArgumentsGiveTheSamePixels() {
        for (BodyPart part : BodyPart.values()) {
            for (Finding finding : Finding.values()) {
                long seed = 31L * part.ordinal() + finding.ordinal();
                assertArrayEquals(pixels(RadiographPainter.paint(part, finding, seed)),
                        pixels(RadiographPainter.paint(part, finding, seed)), part + " " + finding);
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentImages() {
        for (BodyPart part : BodyPart.values()) {
            assertFalse(Arrays.equals(pixels(RadiographPainter.paint(part, Finding.NONE, 1)),
                    pixels(RadiographPainter.paint(part, Finding.NONE, 2))), part.name());
        }
    }

    @Test
    void sizesStayWithinMuraBoundsAndVary() {
        int minSide = Integer.MAX_VALUE;
        int maxSide = 0;
        java.util.Set<Integer> widths = new java.util.HashSet<>();
        for (long seed = 0; seed < 60; seed++) {
            BufferedImage img = RadiographPainter.paint(BodyPart.values()[(int) (seed % 7)], Finding.NONE, seed);
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
            minSide = Math.min(minSide, Math.min(img.getWidth(), img.getHeight()));
            maxSide = Math.max(maxSide, Math.max(img.getWidth(), img.getHeight()));
            widths.add(img.getWidth());
        }
        assertTrue(minSide >= 89, "min side " + minSide);
        assertEquals(512, maxSide);
        assertTrue(widths.size() > 20, "widths vary");
    }

    @Test
    void everyFindingChangesOnlyPartOfTheNormalImage() {
        for (BodyPart part : BodyPart.values()) {
            for (long seed = 100; seed < 103; seed++) {
                byte[] normal = pixels(RadiographPainter.paint(part, Finding.NONE, seed));
                for (Finding finding : new Finding[] {Finding.FRACTURE, Finding.HARDWARE, Finding.LESION}) {
                    byte[] abnormal = pixels(RadiographPainter.paint(part, finding, seed));
                    assertEquals(normal.length, abnormal.length, "same size");
                    int changed = 0;
                    for (int i = 0; i < normal.length; i++) {
                        changed += Math.abs(normal[i] - abnormal[i]) > 2 ? 1 : 0;
                    }
                    assertTrue(changed > 0, part + " " + finding + " " + seed + " changes nothing");
                    assertTrue(changed < normal.length / 4, part + " " + finding + " " + seed + " changes too much");
                }
            }
        }
    }

    @Test
    void looksLikeFilm() {
        BufferedImage img = RadiographPainter.paint(BodyPart.XR_FOREARM, Finding.NONE, 7);
        int[] histogram = new int[256];
        for (byte b : pixels(img)) {
            histogram[b & 0xFF]++;
        }
        int total = img.getWidth() * img.getHeight();
        int dark = 0;
        for (int g = 0; g < 40; g++) {
            dark += histogram[g];
        }
        int bright = 0;
        for (int g = 128; g < 256; g++) {
            bright += histogram[g];
        }
        assertTrue(dark > total / 10, "some dark background");
        assertTrue(bright > total / 50, "some bright bone");
    }

    private static byte[] pixels(BufferedImage img) {
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData().clone();
    }
}

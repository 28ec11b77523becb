package org.muraarena.dataset.synth;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.SplittableRandom;
import org.muraarena.core.BodyPart;

/**
 * Paints synthetic musculoskeletal radiographs: dark background, soft tissue, bones of the body
 * part with bright cortex and darker marrow, a random pose and size, film grain and blur, and
 * sometimes a side marker or collimation band. An abnormal view adds a fracture line, metal or a
 * lesion. Everything is drawn in float buffers with StrictMath and {@link SplittableRandom}, so
 * the same arguments give the same pixels on every JVM.
 */
public final class RadiographPainter {
    private RadiographPainter() {
    }

    /**
     * Paints one view.
     *
     * @param part the study type, which decides the anatomy
     * @param finding what the view shows; with the same seed, a finding is added to the very image
     *     that {@link Finding#NONE} gives
     * @param seed decides size, pose, anatomy jitter, exposure, distractors, noise and the finding
     * @return a {@link BufferedImage#TYPE_BYTE_GRAY} image, each side between 89 and 512 pixels
     */
    public static BufferedImage paint(BodyPart part, Finding finding, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        // Separate streams, so that the finding changes nothing but itself.
        SplittableRandom geometry = root.split();
        SplittableRandom look = root.split();
        SplittableRandom grain = root.split();
        SplittableRandom findings = root.split();
        int[] size = size(geometry);
        int w = size[0];
        int h = size[1];
        Anatomy canonical = anatomy(part, geometry);
        canonical.openJoints();
        Anatomy view = canonical.map(pose(w, h, geometry));
        FindingPlan plan = FindingPlan.plan(part, finding, view.bones, w, h, findings);
        Film film = new Film(w, h);
        for (Anatomy.Tissue t : view.tissue) {
            film.addTissue(t);
        }
        for (int i = 0; i < view.bones.size(); i++) {
            Bone bone = view.bones.get(i);
            if (i == plan.bone && plan.swelling != null) {
                java.util.List<Bone.Piece> pieces = new java.util.ArrayList<>(bone.pieces());
                pieces.add(plan.swelling);
                bone = new Bone(pieces, bone.density(), bone.findable());
            }
            film.addBone(bone, i == plan.bone ? plan.modifier : null);
        }
        for (Capsule c : plan.metal) {
            film.addMetal(c);
        }
        return toImage(Darkroom.develop(film, look, grain), w, h);
    }

    /** Mostly 512 on the long side and 300–512 on the other, as in MURA; sometimes smaller. */
    private static int[] size(SplittableRandom rng) {
        int longSide;
        int shortSide;
        if (rng.nextDouble() < 0.8) {
            longSide = 512;
            shortSide = 300 + rng.nextInt(213);
        } else {
            longSide = 132 + rng.nextInt(380);
            shortSide = Math.max(89, (int) Math.round(longSide * (0.6 + 0.4 * rng.nextDouble())));
        }
        return rng.nextDouble() < 0.7 ? new int[] {shortSide, longSide} : new int[] {longSide, shortSide};
    }

    /** The limb along the long side, either way up, tilted, mirrored half the time, off centre. */
    private static Pose pose(int w, int h, SplittableRandom rng) {
        double angle = (h >= w ? 0 : Math.PI / 2) + (rng.nextBoolean() ? Math.PI : 0)
                + (2 * rng.nextDouble() - 1) * 0.35;
        double scale = Math.max(w, h) * (0.8 + 0.35 * rng.nextDouble());
        double tx = w * (0.5 + 0.16 * (rng.nextDouble() - 0.5));
        double ty = h * (0.5 + 0.16 * (rng.nextDouble() - 0.5));
        return new Pose(scale, angle, tx, ty, rng.nextBoolean());
    }

    private static Anatomy anatomy(BodyPart part, SplittableRandom rng) {
        return switch (part) {
            case XR_ELBOW -> LimbShapes.elbow(rng);
            case XR_FINGER -> HandShapes.finger(rng);
            case XR_FOREARM -> LimbShapes.forearm(rng);
            case XR_HAND -> HandShapes.hand(rng);
            case XR_HUMERUS -> LimbShapes.humerus(rng);
            case XR_SHOULDER -> LimbShapes.shoulder(rng);
            case XR_WRIST -> HandShapes.wrist(rng);
        };
    }

    private static BufferedImage toImage(float[] img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < img.length; i++) {
            float v = img[i];
            int g = v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255);
            data[i] = (byte) g;
        }
        return out;
    }
}

package org.muraarena.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.muraarena.core.BodyPart;

/**
 * A small tree in the exact layout of the MURA-v1.1 download, for {@code import-mura}:
 * {@code MURA-v1.1/{train,valid}/XR_<TYPE>/patientNNNNN/studyN_{positive,negative}/imageN.png}
 * (small noisy grey PNGs) and the four header-less CSVs. Patients are numbered as in MURA (train from
 * 00001, valid from 11185); every third study is a second study of the patient before; two studies
 * in five are abnormal; studies have one to three images.
 */
public final class FakeMuraDownload {
    public static final int VALID_FIRST_PATIENT = 11185;

    private FakeMuraDownload() {
    }

    /** Writes the tree into {@code dir} (the folder that will hold {@code MURA-v1.1/}) and returns it. */
    public static Path write(Path dir, int trainPerType, int validPerType, long seed) throws IOException {
        Random random = new Random(seed);
        phase(dir, "train", 1, trainPerType, random);
        phase(dir, "valid", VALID_FIRST_PATIENT, validPerType, random);
        return dir;
    }

    private static void phase(Path dir, String phase, int firstPatient, int perType, Random random) throws IOException {
        List<String> labeled = new ArrayList<>();
        List<String> images = new ArrayList<>();
        int patient = firstPatient - 1;
        for (BodyPart part : BodyPart.values()) {
            int studyOfPatient = 0;
            for (int i = 0; i < perType; i++) {
                if (i % 3 == 2) {
                    studyOfPatient++;
                } else {
                    patient++;
                    studyOfPatient = 1;
                }
                int label = i % 5 < 2 ? 1 : 0;
                String study = String.format("MURA-v1.1/%s/%s/patient%05d/study%d_%s/", phase, part, patient, studyOfPatient,
                        label == 1 ? "positive" : "negative");
                Files.createDirectories(dir.resolve(study));
                labeled.add(study + "," + label);
                for (int k = 1; k <= 1 + i % 3; k++) {
                    images.add(study + "image" + k + ".png");
                    png(dir.resolve(study + "image" + k + ".png"), random);
                }
            }
        }
        writeLines(dir.resolve("MURA-v1.1/" + phase + "_labeled_studies.csv"), labeled);
        writeLines(dir.resolve("MURA-v1.1/" + phase + "_image_paths.csv"), images);
    }

    private static void png(Path file, Random random) throws IOException {
        BufferedImage image = new BufferedImage(24 + random.nextInt(16), 32 + random.nextInt(16), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int v = 60 + random.nextInt(120);
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * A readers file for the valid studies: {@code study,g1,g2,g3,r1,r2,r3}, the three gold readers
     * agreeing with the download's label except that one of them flips every fourth study (so the
     * majority stays), and the first study's majority flipped on purpose; references flip now and then.
     */
    public static Path writeReaders(Path dir, Path file) throws IOException {
        List<String> rows = new ArrayList<>();
        List<String> labeled = Files.readAllLines(dir.resolve("MURA-v1.1/valid_labeled_studies.csv"));
        for (int i = 0; i < labeled.size(); i++) {
            String[] f = labeled.get(i).split(",");
            int label = Integer.parseInt(f[1]);
            int gold = i == 0 ? 1 - label : label;
            int flip = 1 - gold;
            rows.add(f[0] + "," + gold + "," + (i % 4 == 1 ? flip : gold) + "," + gold + ","
                    + (i % 3 == 0 ? flip : gold) + "," + gold + "," + (i % 5 == 0 ? flip : gold));
        }
        writeLines(file, rows);
        return file;
    }

    /** A copy of a fake download (CSVs copied, so they can be edited; images too, as a test may spoil one). */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** Rewrites a CSV line by line. */
    public static void edit(Path csv, UnaryOperator<List<String>> change) {
        try {
            writeLines(csv, change.apply(new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines.stream().map(l -> l + "\n").collect(Collectors.joining()), StandardCharsets.UTF_8);
    }
}

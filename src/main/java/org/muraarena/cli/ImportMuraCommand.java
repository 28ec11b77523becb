package org.muraarena.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muraarena.core.BodyPart;
import org.muraarena.core.Options;
import org.muraarena.core.Refusal;
import org.muraarena.dataset.importer.MuraImporter;

/**
 * {@code import-mura --from DIR --out DIR [--hidden valid] [--sample-per-type 4] [--seed N]
 * [--readers FILE] [--link]}: the MURA-v1.1 download into the competition's layout
 * ({@link MuraImporter}). Progress on stderr, counts on stdout; exit 2 with one line naming the
 * file and line on bad input, having created nothing; 1 when the copy itself fails.
 */
final class ImportMuraCommand {
    private ImportMuraCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            // --link is a flag without a value; every other option takes one.
            List<String> rest = new ArrayList<>(List.of(args));
            boolean link = rest.remove("--link");
            if (rest.contains("--link")) {
                throw new IllegalArgumentException("--link is given twice");
            }
            Options options = Options.parse(rest.toArray(String[]::new), "from", "out", "hidden", "sample-per-type", "seed", "readers");
            MuraImporter.Request request = new MuraImporter.Request(Path.of(options.required("from")),
                    Path.of(options.required("out")), options.get("hidden", "valid"), options.positive("sample-per-type", 4),
                    options.longValue("seed", 1), Optional.ofNullable(options.get("readers", null)).map(Path::of),
                    link);
            MuraImporter.Report report = MuraImporter.run(request, err::println);
            print(report, out);
            return 0;
        } catch (Refusal | IllegalArgumentException e) {
            err.println("import-mura: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("import-mura: cannot import: " + e.getMessage());
            return 1;
        }
    }

    private static void print(MuraImporter.Report report, PrintStream out) {
        out.printf("%-8s %-12s %8s %9s %8s%n", "set", "type", "studies", "abnormal", "images");
        for (Map.Entry<String, Map<BodyPart, MuraImporter.Counts>> set : report.sets().entrySet()) {
            int studies = 0;
            int abnormal = 0;
            int images = 0;
            for (Map.Entry<BodyPart, MuraImporter.Counts> part : set.getValue().entrySet()) {
                MuraImporter.Counts c = part.getValue();
                out.printf("%-8s %-12s %8d %9d %8d%n", set.getKey(), part.getKey(), c.studies(), c.abnormal(), c.images());
                studies += c.studies();
                abnormal += c.abnormal();
                images += c.images();
            }
            out.printf("%-8s %-12s %8d %9d %8d%n", set.getKey(), "all", studies, abnormal, images);
        }
        if (report.readerChanges() > 0) {
            out.printf("the readers' majority differs from the download's label on %d hidden studies%n", report.readerChanges());
        }
        out.printf("placed %d images in %.1f s (%.0f files/s) into %s%n", report.files(), report.seconds(),
                report.files() / Math.max(1e-9, report.seconds()), report.out());
    }
}

package org.muraarena.cli;

import org.muraarena.core.Options;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.muraarena.dataset.synth.SyntheticMura;

/**
 * {@code generate-data --out DIR [--seed N] [--valid true]}: writes the synthetic MURA sets
 * (sample and hidden test; with {@code --valid true} also a validation set shaped like MURA's).
 * Progress goes to stderr, a summary to stdout.
 */
final class GenerateDataCommand {
    private GenerateDataCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args, "out", "seed", "valid");
            String valid = options.get("valid", "false");
            if (!valid.equals("true") && !valid.equals("false")) {
                throw new IllegalArgumentException("--valid must be true or false, got '" + valid + "'");
            }
            SyntheticMura.Options request = new SyntheticMura.Options(
                    Path.of(options.required("out")), options.longValue("seed", 1), valid.equals("true"));
            SyntheticMura.Summary summary = SyntheticMura.generate(request, err::println);
            for (int i = 0; i < summary.sets().size(); i++) {
                out.printf("%s: %d studies, %d images%n",
                        summary.sets().get(i), summary.studies().get(i), summary.images().get(i));
            }
            out.println("written to " + request.out().toAbsolutePath().normalize());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("generate-data: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("generate-data: cannot write: " + e.getMessage());
            return 1;
        }
    }
}

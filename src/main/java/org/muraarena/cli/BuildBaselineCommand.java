package org.muraarena.cli;

import org.muraarena.core.Options;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.muraarena.dataset.baseline.BaselineModel;

/** {@code build-baseline --out DIR}: writes the baseline ONNX model and its manifest into DIR. */
final class BuildBaselineCommand {
    private BuildBaselineCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Path dir = Path.of(Options.parse(args, "out").required("out"));
            Files.createDirectories(dir);
            BaselineModel.write(dir.resolve("baseline.onnx"));
            Files.writeString(dir.resolve("manifest.json"), BaselineModel.MANIFEST);
            out.println("wrote " + dir.resolve("baseline.onnx") + " and " + dir.resolve("manifest.json"));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("build-baseline: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("build-baseline: cannot write: " + e.getMessage());
            return 1;
        }
    }
}

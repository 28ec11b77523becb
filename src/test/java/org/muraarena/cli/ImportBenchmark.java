package org.muraarena.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.muraarena.core.FileTrees;
import org.muraarena.testing.FakeMuraDownload;

/**
 * {@code import-mura} on a generated download of about 40,000 small PNGs in MURA-v1.1's layout:
 * wall time and files per second, copying and hard-linking. A benchmark, not a test:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.muraarena.cli.ImportBenchmark [trainPerType] [validPerType]}.
 */
public final class ImportBenchmark {
    private ImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int train = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
        int valid = args.length > 1 ? Integer.parseInt(args[1]) : 360;
        Path dir = Files.createTempDirectory("import-bench");
        try {
            long t0 = System.nanoTime();
            Path download = FakeMuraDownload.write(dir.resolve("download"), train, valid, 1);
            long files;
            try (Stream<Path> all = Files.walk(download)) {
                files = all.filter(p -> p.toString().endsWith(".png")).count();
            }
            System.out.printf(Locale.ROOT, "generated %d PNGs in %.1f s%n", files, (System.nanoTime() - t0) / 1e9);
            for (String mode : new String[] {"copy", "link", "copy", "link"}) {
                Path out = dir.resolve("out-" + System.nanoTime());
                String[] a = mode.equals("link")
                        ? new String[] {"--from", download.toString(), "--out", out.toString(), "--link"}
                        : new String[] {"--from", download.toString(), "--out", out.toString()};
                long start = System.nanoTime();
                int status = ImportMuraCommand.run(a, new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "import-mura (%s): exit %d, %.1f s, %.0f files/s%n", mode, status, seconds, files / seconds);
                FileTrees.deleteRecursively(out);
            }
        } finally {
            FileTrees.deleteRecursively(dir);
        }
    }
}

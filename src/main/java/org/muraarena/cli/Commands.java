package org.muraarena.cli;

import java.io.PrintStream;

/** The offline commands of the packaged app, dispatched by name. */
public final class Commands {
    private Commands() {
    }

    /** Runs a command and returns its exit status: 0 done, 1 failed (a refusal, a failed run), 2 bad input or usage. */
    public static int run(String command, String[] args, PrintStream out, PrintStream err) {
        return switch (command) {
            case "score" -> ScoreCommand.run(args, out, err);
            case "generate-data" -> GenerateDataCommand.run(args, out, err);
            case "import-mura" -> ImportMuraCommand.run(args, out, err);
            case "build-baseline" -> BuildBaselineCommand.run(args, out, err);
            case "dry-run" -> DryRunCommand.run(args, out, err);
            case "submit" -> SubmitCommand.run(args, out, err);
            case "evaluate-onnx" -> org.muraarena.sandbox.onnx.EvaluateOnnxCommand.run(args, out, err);
            case "bench" -> org.muraarena.sandbox.onnx.BenchCommand.run(args, out, err);
            default -> {
                err.println("unknown command '" + command + "' (commands: serve, worker, dry-run, submit, score, generate-data, import-mura, build-baseline, evaluate-onnx, bench)");
                yield 2;
            }
        };
    }
}

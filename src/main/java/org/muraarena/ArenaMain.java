package org.muraarena;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import org.muraarena.cli.Commands;

/**
 * The packaged app's entry point: the first argument names a command, none means {@code serve}.
 * Offline commands ({@code score}, {@code generate-data}) run before Quarkus boots, so they start
 * no HTTP server and touch no database.
 */
@QuarkusMain
public class ArenaMain {
    public static void main(String... args) {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("serve")) {
            Quarkus.run(rest);
        } else {
            System.exit(Commands.run(command, rest, System.out, System.err));
        }
    }
}

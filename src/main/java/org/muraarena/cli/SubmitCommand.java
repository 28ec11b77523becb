package org.muraarena.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.muraarena.core.Options;

/**
 * {@code submit --server URL --token T --artifact FILE --manifest F.json [--follow] [--tag]}: uploads
 * a submission as the README's curl line does (multipart {@code artifact} and {@code manifest}),
 * the file streamed with a progress bar; {@code --follow} then shows its dry run's status, progress
 * and log as they come; {@code --tag} waits for the dry run too and, once it SUCCEEDED, tags the
 * submission {@code mura-submit} (which queues its hidden evaluation).
 *
 * <p>stdout: the submission's id, alone on a line, once the server accepted it. stderr: everything
 * else. Exit 0: accepted (and, when asked, the dry run succeeded and the tag was taken); 1: the
 * server refused (its message is printed), the dry run failed or was cancelled, or the server could
 * not be reached; 2: bad arguments, nothing sent.
 */
final class SubmitCommand {
    private static final Duration POLL = Duration.ofSeconds(1);

    private SubmitCommand() {
    }

    private record Input(URI server, String token, Path artifact, String manifest, boolean follow, boolean tag) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Input input;
        try {
            input = input(Options.parse(args, Set.of("follow", "tag"), "server", "token", "artifact", "manifest"));
        } catch (IllegalArgumentException e) {
            err.println("submit: " + e.getMessage());
            return 2;
        }
        ArenaClient client = new ArenaClient(input.server(), input.token());
        ProgressLine bar = new ProgressLine(err, true, ProgressLine.console());
        try {
            client.checkToken();
            err.printf("submit: uploading %s (%s) to %s%n", input.artifact(), megabytes(Files.size(input.artifact())), input.server());
            long start = System.nanoTime();
            long[] sentAt = {0};
            JsonNode accepted = client.upload(input.artifact(), input.manifest(), (sent, of) -> {
                bar.update(sent, of);
                if (sent >= of) {
                    sentAt[0] = System.nanoTime();
                }
            });
            bar.finish();
            long end = System.nanoTime();
            double sending = ((sentAt[0] == 0 ? end : sentAt[0]) - start) / 1e9;
            long id = accepted.path("id").asLong();
            err.printf(Locale.ROOT, "submit: sent in %.1f s (%.1f MB/s), accepted %.1f s later: submission %d (%s), its dry run is queued%n",
                    sending, Files.size(input.artifact()) / 1e6 / sending, (end - start) / 1e9 - sending, id, accepted.path("kind").asText());
            out.println(id);
            out.flush();
            if (!input.follow() && !input.tag()) {
                return 0;
            }
            JsonNode view = new DryRunFollower(client, err, input.follow(), POLL).await(id);
            JsonNode dryRun = view.path("dryRun");
            if (!"SUCCEEDED".equals(dryRun.path("status").asText())) {
                err.println("submit: " + view.path("error").asText("the dry run ended " + dryRun.path("status").asText()));
                return 1;
            }
            JsonNode overall = dryRun.path("metrics").path("overall");
            err.printf("submit: dry run SUCCEEDED on %s: kappa %s, AUROC %s on %s sample studies%n", dryRun.path("provider").asText(),
                    overall.path("kappa").asText(), overall.path("auroc").asText(), overall.path("n").asText());
            if (input.tag()) {
                client.tag(id);
                err.println("submit: tagged mura-submit; the hidden evaluation is queued (its result is released on the server's clock)");
            }
            return 0;
        } catch (ArenaClient.Refused refused) {
            bar.finish();
            err.println("submit: refused, " + refused.getMessage());
            return 1;
        } catch (IOException e) {
            bar.finish();
            err.println("submit: no answer from " + input.server() + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("submit: interrupted");
            return 1;
        }
    }

    private static Input input(Options options) {
        URI server = server(options.required("server"));
        String token = options.required("token").strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("--token is empty");
        }
        Path artifact = Path.of(options.required("artifact"));
        Path manifestFile = Path.of(options.required("manifest"));
        for (Path file : new Path[] {artifact, manifestFile}) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("no readable file " + file);
            }
        }
        String manifest;
        try {
            manifest = Files.readString(manifestFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
        return new Input(server, token, artifact, manifest, options.flag("follow"), options.flag("tag"));
    }

    /** The server's base URL, {@code http(s)://host[:port][/prefix]}, ending in one slash so paths resolve below it. */
    static URI server(String url) {
        try {
            URI uri = new URI(url.endsWith("/") ? url : url + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--server must be an http:// or https:// URL, got '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--server is not a URL: " + e.getMessage(), e);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}

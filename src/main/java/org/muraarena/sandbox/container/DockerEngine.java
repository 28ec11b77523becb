package org.muraarena.sandbox.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.LoadResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One Docker engine: the client (from {@code arena.container.docker-host}, else docker-java's own
 * defaults: {@code DOCKER_HOST}, else {@code unix:///var/run/docker.sock}), whether it answers,
 * and loading images by their content-derived ID.
 */
public final class DockerEngine implements AutoCloseable {
    /** Labels every container and volume of a run, so that leftovers of a crashed process can be found. */
    public static final String EVALUATION_LABEL = "org.muraarena.evaluation";
    /** The process that created it, {@code pid@host}: a live process's runs are not leftovers. */
    public static final String OWNER_LABEL = "org.muraarena.owner";
    public static final String OWNER = ProcessHandle.current().pid() + "@" + hostName();

    private final String host;
    private final DockerClient client;
    private final DockerClient probe;

    public DockerEngine(Optional<String> dockerHost) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        dockerHost.ifPresent(builder::withDockerHost);
        DefaultDockerClientConfig config = builder.build();
        this.host = config.getDockerHost().toString();
        // The transport applies its connection timeout to reads on a unix socket too, so waiting for
        // a container and following its output (silent for minutes at times) need a client whose
        // timeout outlasts any run; the ping that tells whether an engine answers gets a short one.
        this.client = client(config, Duration.ofDays(7));
        this.probe = client(config, Duration.ofSeconds(5));
    }

    private static DockerClient client(DefaultDockerClientConfig config, Duration timeout) {
        return DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .maxConnections(32).connectionTimeout(timeout).build());
    }

    public String host() {
        return host;
    }

    DockerClient client() {
        return client;
    }

    /** Whether the engine answers a ping now. */
    public boolean reachable() {
        try {
            probe.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String unreachableMessage() {
        return "no Docker engine reachable at " + host;
    }

    /** Whether the engine holds an image with that ID. */
    boolean hasImage(String imageId) {
        try {
            client.inspectImageCmd(imageId).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Loads a {@code docker save} tarball (gzipped or not: the engine reads both), streamed from
     * disk, and checks that the engine now holds {@code imageId}; null when it does, else why not.
     */
    String load(Path tarball, String imageId) throws IOException {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (InputStream in = Files.newInputStream(tarball)) {
            // The streamed answer carries the engine's own reason for refusing a tarball; the plain command drops it.
            client.loadImageAsyncCmd(in).exec(new ResultCallback.Adapter<LoadResponseItem>() {
                @Override
                public void onNext(LoadResponseItem item) {
                    if (item.isErrorIndicated()) {
                        errors.add(item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError());
                    }
                }
            }).awaitCompletion();
        } catch (RuntimeException e) {
            errors.add(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading the image", e);
        }
        if (!errors.isEmpty()) {
            return "the Docker engine could not load the image: " + String.join("; ", errors);
        }
        return hasImage(imageId) ? null
                : "the Docker engine loaded the tarball but holds no image " + imageId + " (computed from its config)";
    }

    /** Closes both clients' connections. */
    @Override
    public void close() {
        for (DockerClient c : List.of(client, probe)) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

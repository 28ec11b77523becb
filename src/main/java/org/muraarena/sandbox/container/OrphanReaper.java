package org.muraarena.sandbox.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.muraarena.core.ArenaConfig;

/**
 * On start-up, removes the containers and volumes that a crashed arena process left on the
 * engine (labelled {@value DockerEngine#EVALUATION_LABEL}). Those of a process that is still alive
 * on this host are left alone: another worker's runs are not leftovers.
 */
@ApplicationScoped
public class OrphanReaper {
    private final ArenaConfig config;

    public OrphanReaper(ArenaConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try (DockerEngine engine = new DockerEngine(config.container().dockerHost())) {
            if (!engine.reachable()) {
                return;
            }
            List<String> removed = reap(engine);
            if (!removed.isEmpty()) {
                Log.infof("removed %d leftover container(s) and volume(s) of earlier runs: %s", removed.size(), removed);
            }
        } catch (RuntimeException e) {
            Log.warnf("could not look for leftover containers: %s", e.getMessage());
        }
    }

    /** Removes every labelled container and volume whose owner is not a live process; returns their names. */
    public static List<String> reap(DockerEngine engine) {
        DockerClient docker = engine.client();
        List<String> removed = new ArrayList<>();
        List<String> label = List.of(DockerEngine.EVALUATION_LABEL);
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec()) {
            if (!ownerAlive(c.getLabels())) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                    removed.add("container " + String.join(",", c.getNames()));
                } catch (NotFoundException e) {
                    // removed meanwhile
                }
            }
        }
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", label).exec().getVolumes();
        for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            if (!ownerAlive(v.getLabels())) {
                try {
                    docker.removeVolumeCmd(v.getName()).exec();
                    removed.add("volume " + v.getName());
                } catch (NotFoundException e) {
                    // removed meanwhile
                } catch (RuntimeException e) {
                    Log.warnf("leftover volume %s could not be removed: %s", v.getName(), e.getMessage());
                }
            }
        }
        return removed;
    }

    /** Whether the owner label names another process that still runs on this host. */
    static boolean ownerAlive(Map<String, String> labels) {
        String owner = labels == null ? null : labels.get(DockerEngine.OWNER_LABEL);
        if (owner == null || owner.equals(DockerEngine.OWNER)) {
            return false; // this process has just started: nothing of its own is running yet
        }
        String[] parts = owner.split("@", 2);
        String thisHost = DockerEngine.OWNER.substring(DockerEngine.OWNER.indexOf('@') + 1);
        try {
            return parts.length == 2 && parts[1].equals(thisHost)
                    && ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package org.muraarena.sandbox.container;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up clean-up of what a crashed process left on the real engine. */
class OrphanReaperTest {

    @Test
    void aLabelledContainerOfADeadProcessIsRemovedAndOneOfALiveProcessIsKept() {
        DockerEngine engine = Engine.reachableOrSkip();
        HolderImage.ensureLoaded(engine);
        String host = DockerEngine.OWNER.substring(DockerEngine.OWNER.indexOf('@') + 1);
        String orphan = labelled(engine, Map.of(DockerEngine.EVALUATION_LABEL, "1", DockerEngine.OWNER_LABEL, "999999999@" + host));
        String unowned = labelled(engine, Map.of(DockerEngine.EVALUATION_LABEL, "2"));
        // pid 1 always runs: its containers belong to a live process and are not leftovers
        String live = labelled(engine, Map.of(DockerEngine.EVALUATION_LABEL, "3", DockerEngine.OWNER_LABEL, "1@" + host));
        try {
            List<String> removed = OrphanReaper.reap(engine);
            // at least ours: a killed test JVM may have left others, which go too
            assertTrue(removed.size() >= 2, removed.toString());
            List<String> left = engine.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(DockerEngine.EVALUATION_LABEL)).exec().stream().map(c -> c.getId()).toList();
            assertTrue(!left.contains(orphan) && !left.contains(unowned), left.toString());
            assertTrue(left.contains(live), left.toString());
        } finally {
            engine.client().removeContainerCmd(live).withForce(true).exec();
        }
    }

    private static String labelled(DockerEngine engine, Map<String, String> labels) {
        String id = engine.client().createContainerCmd(HolderImage.ID).withLabels(labels)
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        engine.client().startContainerCmd(id).exec();
        return id;
    }
}

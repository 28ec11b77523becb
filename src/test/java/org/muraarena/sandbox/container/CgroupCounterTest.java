package org.muraarena.sandbox.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and reading a container's CPU counter in a cgroup tree laid out as v1 and v2 hosts lay it out. */
class CgroupCounterTest {
    private static final String ID = "c405cf05eba76ed76b5be4371d6a0a0a9780b53ffb53c8a7cf68af961762901b";

    @TempDir
    Path root;

    @Test
    void cgroupV1FindsTheCpuacctHierarchysUsageWhereverItIsMounted() throws Exception {
        Path usage = write("cpu,cpuacct/docker/" + ID + "/cpuacct.usage", "21427349\n");
        List<String> lines = List.of("9:name=systemd:/docker/" + ID, "4:memory:/docker/" + ID, "2:cpu,cpuacct:/docker/" + ID,
                "0::/docker/" + ID);
        assertEquals(Optional.of(usage), CgroupCounter.locate(lines, ID, root));
        assertEquals(21427349L, CgroupCounter.parse("cpuacct.usage", Files.readString(usage)));
    }

    @Test
    void cgroupV2ReadsUsageInMicrosecondsFromCpuStat() throws Exception {
        Path stat = write("system.slice/docker-" + ID + ".scope/cpu.stat", "usage_usec 1500123\nuser_usec 1000000\nsystem_usec 500123\n");
        assertEquals(Optional.of(stat), CgroupCounter.locate(List.of("0::/system.slice/docker-" + ID + ".scope"), ID, root));
        assertEquals(1_500_123_000L, CgroupCounter.parse("cpu.stat", Files.readString(stat)));
        assertThrows(IllegalArgumentException.class, () -> CgroupCounter.parse("cpu.stat", "user_usec 1\n"));
    }

    @Test
    void aCgroupThatIsNotThisContainersIsNeverRead() throws Exception {
        // What a worker in another PID namespace would see for that pid: some other process's cgroup.
        write("cpuacct/user.slice/cpuacct.usage", "999999999999\n");
        assertTrue(CgroupCounter.locate(List.of("2:cpuacct:/user.slice"), ID, root).isEmpty());
        assertTrue(CgroupCounter.locate(List.of("2:cpuacct:/docker/" + ID), ID, root).isEmpty(), "no such file here");
        assertTrue(CgroupCounter.find(Long.MAX_VALUE, ID, root, root).isEmpty(), "no such process");
    }

    private Path write(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}

package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The evaluator's CPU time as read from {@code /proc}: the fields, their unit, and reaped children. */
class ProcessCpuTest {

    @Test
    void sumsOwnAndReapedChildrensTicksCountingFieldsAfterTheLastParenthesis() {
        // fields 14-17: utime 150, stime 50, cutime 30, cstime 20 ticks; the name holds ") " itself
        String stat = "4242 (evil) name) S 1 4242 4242 0 -1 4194304 100 0 0 0 150 50 30 20 20 0 12 0 300 1000 50";
        assertEquals(Duration.ofMillis(2500), ProcessCpu.parse(stat));
    }

    @Test
    void readsWhatTheJdkReadsForALiveProcessSoItsTickUnitIsRight() throws Exception {
        // A shell that burns some CPU with builtins only (no children), then waits to be read.
        Process p = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; echo burnt; sleep 60")
                .redirectErrorStream(true).start();
        try {
            assertEquals("burnt", new String(p.getInputStream().readNBytes(5)));
            Duration before = p.info().totalCpuDuration().orElseThrow();
            Duration ours = ProcessCpu.of(p.pid()).orElseThrow();
            Duration after = p.info().totalCpuDuration().orElseThrow();
            assertTrue(before.toMillis() > 0, "the loop used no CPU: " + before);
            // Both read utime + stime of the same process (starting its sleep at most): a wrong tick
            // unit would put ours far outside the JDK's two readings.
            assertTrue(before.toMillis() <= ours.toMillis() && ours.toMillis() <= after.toMillis(),
                    "JDK " + before + " then " + after + ", /proc at 100 ticks/s " + ours);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void countsChildrenThatEndedAndWereReaped() throws Exception {
        // The child burns CPU and is waited for by the shell, which then sleeps: its time is the shell's cutime.
        Process p = new ProcessBuilder("sh", "-c",
                "sh -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done'; echo reaped; sleep 60")
                .redirectErrorStream(true).start();
        try {
            assertEquals("reaped", new String(p.getInputStream().readNBytes(6)));
            Duration own = p.info().totalCpuDuration().orElseThrow();
            Duration tree = ProcessCpu.ofTree(p.toHandle());
            assertTrue(tree.compareTo(own.plusMillis(50)) > 0, "the reaped child's time is missing: own " + own + ", with children " + tree);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessThatIsGoneHasNoFigure() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);
        assertTrue(ProcessCpu.of(p.pid()).isEmpty());
    }
}

package org.muraarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of CONTRIBUTING.md, enforced on the compiled main classes: a class may use
 * classes of its own package and of packages further down this list, never of one further up.
 */
class ArchitectureTest {
    private static final String BASE = "org.muraarena";

    /** Outermost first. A package's sub-packages share its place unless listed themselves. */
    static final List<String> LAYERS = List.of(
            "",                            // ArenaMain: picks the command
            "cli",                         // offline commands
            "http.pages", "http.api",      // Qute pages and JSON resources: thin
            "http.security",               // who is calling (bearer tokens, page sessions)
            "worker",                      // claims jobs, runs sandboxes, records results
            "competition.demo",            // first-start seeding
            "competition.admin",           // organizer operations, queue snapshot
            "competition.leaderboard",
            "competition.evaluation",      // the durable job queue
            "competition.submission",      // submissions, their evaluations and results, artifacts
            "competition.workers",         // the worker registry
            "competition.team",
            "competition.audit",
            "competition.calendar",        // the competition's window (opens, closes) and title
            "sandbox",                     // the Sandbox interface; onnx/ and container/ below it
            "dataset.importer",            // the MURA-v1.1 download into the competition's layout
            "dataset",                     // MURA trees, the generator, the baseline model
            "scoring",                     // pure maths
            "infra.postgres",              // the embedded PostgreSQL launcher
            "core");                       // manifest, phase, body part, failure class, config

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void everyPackageHasAPlaceOnTheMap() {
        TreeSet<String> unplaced = new TreeSet<>();
        for (JavaClass c : classes) {
            if (rank(c.getPackageName()) < 0) {
                unplaced.add(c.getPackageName());
            }
        }
        assertTrue(unplaced.isEmpty(), "packages missing from ArchitectureTest.LAYERS: " + unplaced);
        assertTrue(classes.size() > 100, "the importer found the main classes");
    }

    @Test
    void importsPointFromOuterPackagesToInnerOnes() {
        Map<String, String> violations = new LinkedHashMap<>();
        for (JavaClass c : classes) {
            int from = rank(c.getPackageName());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getPackageName();
                if (!target.startsWith(BASE) || target.equals(c.getPackageName())) {
                    continue;
                }
                int to = rank(target);
                // Within one place (sandbox and sandbox.onnx) only cycles are refused: packagesHaveNoCycles.
                if (to >= 0 && from >= 0 && to < from) {
                    violations.putIfAbsent(c.getPackageName() + " -> " + target, d.getDescription());
                }
            }
        }
        assertEquals(Map.of(), violations, "an inner package uses an outer one");
    }

    @Test
    void packagesHaveNoCycles() {
        EvaluationResult result = SlicesRuleDefinition.slices().matching(BASE + ".(**)").should().beFreeOfCycles()
                .evaluate(classes);
        List<String> cycles = new ArrayList<>(result.getFailureReport().getDetails());
        assertTrue(cycles.isEmpty(), String.join("\n", cycles));
    }

    /** Index in LAYERS of the longest entry that is the package or one of its parents; -1 if none. */
    static int rank(String pkg) {
        String rel = pkg.equals(BASE) ? "" : pkg.startsWith(BASE + ".") ? pkg.substring(BASE.length() + 1) : null;
        if (rel == null) {
            return -1;
        }
        int best = -1;
        int bestLength = -1;
        for (int i = 0; i < LAYERS.size(); i++) {
            String layer = LAYERS.get(i);
            boolean covers = layer.isEmpty() ? rel.isEmpty() : rel.equals(layer) || rel.startsWith(layer + ".");
            if (covers && layer.length() > bestLength) {
                best = i;
                bestLength = layer.length();
            }
        }
        return best;
    }
}

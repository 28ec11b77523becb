package org.muraarena.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.DatasetDescriptor;
import org.muraarena.core.Phase;
import org.muraarena.dataset.importer.MuraImporter;
import org.muraarena.testing.FakeMuraDownload;

/** Which set is hidden comes from the data: its descriptor, or for older data its one hidden labels file. */
class DatasetServiceTest {
    @TempDir
    Path dir;

    private Path imported() throws IOException {
        Path download = FakeMuraDownload.write(dir.resolve("download"), 2, 2, 1);
        Path out = dir.resolve("imported");
        MuraImporter.run(new MuraImporter.Request(download, out, "valid", 2, 1, Optional.empty(), false), line -> { });
        return out;
    }

    private static DatasetService service(Path root) {
        Map<String, Object> answers = Map.of("datasetDir", Optional.of(root.toString()), "dataDir", root.toString(), "datasetSeed", 1L);
        ArenaConfig config = (ArenaConfig) Proxy.newProxyInstance(ArenaConfig.class.getClassLoader(), new Class<?>[] {ArenaConfig.class},
                (p, method, args) -> answers.get(method.getName()));
        return new DatasetService(config);
    }

    @Test
    void theHiddenSetIsTheOneTheDescriptorNamesAndTheSummaryCountsIt() throws IOException {
        DatasetService dataset = service(imported());
        assertTrue(dataset.ready());
        assertEquals("sample", dataset.set(Phase.DRY_RUN));
        assertEquals("valid", dataset.set(Phase.HIDDEN));
        assertEquals(new DatasetService.Summary("MURA-v1.1 valid", 14, 21), dataset.summary());
        assertEquals(14, dataset.truth(Phase.HIDDEN).contents().truth().size());
        assertEquals(14, dataset.truth(Phase.DRY_RUN).contents().truth().size());
    }

    @Test
    void dataWithoutADescriptorHasTheHiddenSetOfItsOneLabelsFileAndItsFoldersName() throws IOException {
        Path root = imported();
        Files.delete(root.resolve(DatasetDescriptor.FILE));
        DatasetService dataset = service(root);
        assertEquals("valid", dataset.set(Phase.HIDDEN));
        assertEquals(new DatasetService.Summary("imported", 14, 21), dataset.summary());
    }

    @Test
    void labelsOfTwoSetsWithoutADescriptorAreNotGuessed() throws IOException {
        Path root = imported();
        Files.delete(root.resolve(DatasetDescriptor.FILE));
        Files.copy(root.resolve("labels/valid_labeled_studies.csv"), root.resolve("labels/test_labeled_studies.csv"));
        DatasetService dataset = service(root);
        assertFalse(dataset.ready());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> dataset.truth(Phase.HIDDEN));
        assertTrue(e.getMessage().contains("the labels of several sets [test, valid]; write " + root.resolve("dataset.properties")),
                e.getMessage());
    }
}

package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.system.PlatformProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A platform killed during a backup left its scratch directory and .part archive for good (found by a tester). */
class BackupLeftoversTest {
    @TempDir
    Path data;

    @Test
    void what_interrupted_backups_left_is_removed_and_finished_backups_stay() throws Exception {
        Path platform = Files.createDirectories(data.resolve("backups/platform"));
        Path scratch = Files.createDirectories(platform.resolve(".scratch-20261207-113055-170"));
        Files.writeString(scratch.resolve("table-1.csv"), "rows");
        Path part = Files.writeString(platform.resolve("platform-20261207-113055-170.tar.gz.part"), "half");
        Path finished = Files.writeString(platform.resolve("platform-20261207-100000-000.tar.gz"), "whole");
        Path node = Files.createDirectories(data.resolve("backups/nodes/c1-beta-0"));
        Path nodePart = Files.writeString(node.resolve("c1-beta-0-20261207-113100-000.tar.gz.part"), "half");
        Path nodeFinished = Files.writeString(node.resolve("c1-beta-0-20261207-100000-000.tar.gz"), "whole");
        PlatformProperties properties = mock(PlatformProperties.class);
        when(properties.dataDir()).thenReturn(data);

        new BackupLeftovers(properties).remove();

        assertThat(scratch).doesNotExist();
        assertThat(part).doesNotExist();
        assertThat(nodePart).doesNotExist();
        assertThat(finished).exists();
        assertThat(nodeFinished).exists();
    }
}

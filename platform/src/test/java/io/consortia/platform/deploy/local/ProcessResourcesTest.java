package io.consortia.platform.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessResourcesTest {

    @Test
    void resident_memory_is_read_from_a_proc_status_text() {
        assertThat(ProcessResources.residentBytes("Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n"))
                .isEqualTo(123456L * 1024);
        assertThat(ProcessResources.residentBytes("Name:\tzombie\n")).isNull();
    }

    @Test
    void this_jvm_has_resident_memory_and_cpu_time_and_a_gone_process_has_none() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux /proc");
        assertThat(ProcessResources.residentBytes(ProcessHandle.current().pid())).isPositive();
        assertThat(ProcessResources.cpuSeconds(ProcessHandle.current())).isPositive();
        assertThat(ProcessResources.residentBytes(Long.MAX_VALUE)).isNull();
    }
}

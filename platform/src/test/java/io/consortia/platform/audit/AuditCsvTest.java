package io.consortia.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCsvTest {
    @Test
    void one_line_per_record_after_the_header() {
        AuditController.AuditView view = new AuditController.AuditView(7, Instant.ofEpochMilli(0), "ACCESS_KEY",
                "AK123", 2L, "POST /gateway/v1/x", "channel=main", "10.0.0.1", 401, "auth=access-key",
                "0".repeat(64), "f".repeat(64));
        String csv = AuditCsv.write(List.of(view));
        assertThat(csv.split("\r\n")).containsExactly(AuditCsv.HEADER, "7,1970-01-01T00:00:00Z,ACCESS_KEY,AK123,2,"
                + "POST /gateway/v1/x,channel=main,10.0.0.1,401,auth=access-key," + "0".repeat(64) + "," + "f".repeat(64));
    }
}

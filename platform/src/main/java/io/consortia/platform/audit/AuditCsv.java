package io.consortia.platform.audit;

import io.consortia.platform.system.CsvField;
import java.util.List;

/** RFC 4180 CSV of audit records, safe to open in a spreadsheet. */
final class AuditCsv {
    static final String HEADER = "sequence,recordedAt,actorKind,actor,organizationId,action,target,sourceAddress,"
            + "status,details,previousHash,hash";

    private AuditCsv() {}

    static String write(List<AuditController.AuditView> records) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (AuditController.AuditView r : records) {
            out.append(r.sequence()).append(',').append(r.recordedAt()).append(',')
                    .append(CsvField.of(r.actorKind())).append(',').append(CsvField.of(r.actor())).append(',')
                    .append(r.organizationId() == null ? "" : r.organizationId()).append(',')
                    .append(CsvField.of(r.action())).append(',').append(CsvField.of(r.target())).append(',')
                    .append(CsvField.of(r.sourceAddress())).append(',').append(r.status()).append(',')
                    .append(CsvField.of(r.details())).append(',').append(r.previousHash()).append(',').append(r.hash())
                    .append("\r\n");
        }
        return out.toString();
    }
}

package io.consortia.platform.audit;

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
                    .append(field(r.actorKind())).append(',').append(field(r.actor())).append(',')
                    .append(r.organizationId() == null ? "" : r.organizationId()).append(',')
                    .append(field(r.action())).append(',').append(field(r.target())).append(',')
                    .append(field(r.sourceAddress())).append(',').append(r.status()).append(',')
                    .append(field(r.details())).append(',').append(r.previousHash()).append(',').append(r.hash())
                    .append("\r\n");
        }
        return out.toString();
    }

    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}

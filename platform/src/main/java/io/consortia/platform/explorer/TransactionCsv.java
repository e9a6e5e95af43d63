package io.consortia.platform.explorer;

import io.consortia.platform.system.CsvField;
import java.time.Instant;
import java.util.List;

/** A channel's transactions as RFC 4180 CSV, in chain order, safe to open in a spreadsheet. */
final class TransactionCsv {
    static final String HEADER = "channel,blockNumber,blockHash,indexInBlock,transactionId,blockTime,contract,"
            + "function,creatorOrganization,validationCode,reason";

    private TransactionCsv() {}

    static String write(String channel, List<IndexRepository.ExportRow> rows) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (IndexRepository.ExportRow row : rows) {
            IndexRepository.TransactionRow t = row.transaction();
            out.append(CsvField.of(channel)).append(',').append(t.blockNumber()).append(',').append(row.blockHash())
                    .append(',').append(t.indexInBlock()).append(',').append(t.transactionId()).append(',')
                    .append(Instant.ofEpochMilli(t.timestampMillis())).append(',')
                    .append(CsvField.of(t.contract())).append(',').append(CsvField.of(t.function())).append(',')
                    .append(CsvField.of(t.creatorOrganization())).append(',').append(t.code()).append(',')
                    .append(CsvField.of(t.reason())).append("\r\n");
        }
        return out.toString();
    }
}

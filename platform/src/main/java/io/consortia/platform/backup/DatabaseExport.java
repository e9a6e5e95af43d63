package io.consortia.platform.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.common.archive.TarGzWriter;
import java.io.IOException;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes every table as {@code database/<table>.jsonl}: one JSON object per row, column names
 * in lower case, numbers, booleans and strings as such, binary as base64. Why not H2's SCRIPT
 * or pg_dump: both are tied to one database (and pg_dump to the server's version), while the
 * platform runs on either; rows in JSON restore into H2 and PostgreSQL alike (also from one to
 * the other), under the schema the platform's own migrations build.
 *
 * <p>All tables are read in one read-only transaction at snapshot isolation, so the backup is
 * the database as of one moment even while the platform keeps working.
 */
final class DatabaseExport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private DatabaseExport() {}

    /** Adds the tables to {@code tar} and returns them with their row counts and the schema version. */
    static Result write(Connection connection, TarGzWriter tar, java.nio.file.Path scratch)
            throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            snapshot(connection);
            String version = DatabaseTables.schemaVersion(connection);
            List<PlatformBackupManifest.Table> tables = new ArrayList<>();
            for (String table : DatabaseTables.ordered(connection)) {
                tables.add(new PlatformBackupManifest.Table(table, writeTable(connection, table, tar, scratch)));
            }
            connection.commit();
            return new Result(version, connection.getMetaData().getDatabaseProductName(), tables);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    record Result(String schemaVersion, String database, List<PlatformBackupManifest.Table> tables) {}

    private static void snapshot(Connection connection) throws SQLException {
        if (connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2")) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            }
        } else {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // PostgreSQL: a snapshot
        }
    }

    /** Through a file: a table (the transaction index) may be larger than memory, and ustar needs its size first. */
    private static long writeTable(Connection connection, String table, TarGzWriter tar, java.nio.file.Path scratch)
            throws SQLException, IOException {
        List<String> key = DatabaseTables.primaryKey(connection, table);
        String order = key.isEmpty() ? "" : " order by " + String.join(", ", key);
        java.nio.file.Path file = java.nio.file.Files.createTempFile(scratch, table, ".jsonl");
        long rows = 0;
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file));
                Statement statement = fetching(connection.createStatement());
                ResultSet rs = statement.executeQuery("select * from " + table + order)) {
            var meta = rs.getMetaData();
            while (rs.next()) {
                try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
                    json.writeStartObject();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        json.writeFieldName(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
                        writeValue(json, rs.getObject(i));
                    }
                    json.writeEndObject();
                }
                out.write('\n');
                rows++;
            }
        }
        try {
            tar.add("database/" + table + ".jsonl", file);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        return rows;
    }

    /** PostgreSQL streams rows (instead of loading the whole table) only with a fetch size and autocommit off. */
    private static Statement fetching(Statement statement) throws SQLException {
        statement.setFetchSize(1000);
        return statement;
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException, SQLException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof java.math.BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else if (value instanceof byte[] bytes) {
            json.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Clob clob) {
            json.writeString(clob.getSubString(1, (int) clob.length()));
        } else {
            json.writeString(value.toString());
        }
    }
}

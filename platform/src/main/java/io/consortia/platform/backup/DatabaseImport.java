package io.consortia.platform.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Base64;
import java.util.List;

/**
 * Loads the rows of a {@link DatabaseExport} into an empty schema of the same version, parents
 * before children, in one transaction; then moves every identity column past the highest id
 * loaded, so new rows get new ids. Values are converted to each target column's type.
 */
final class DatabaseImport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;

    private DatabaseImport() {}

    static void load(Connection connection, Path databaseDir, PlatformBackupManifest manifest)
            throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<String> order = DatabaseTables.ordered(connection);
            for (PlatformBackupManifest.Table table : manifest.tables()) {
                if (!order.contains(table.name())) {
                    throw new SQLException("the backup has table " + table.name()
                            + ", which the schema of version " + manifest.schemaVersion() + " lacks");
                }
            }
            for (String table : order) {
                Path file = databaseDir.resolve(table + ".jsonl");
                long expected = manifest.rows(table);
                long loaded = Files.isRegularFile(file) ? loadTable(connection, table, file) : 0;
                if (loaded != expected) {
                    throw new SQLException("table " + table + ": " + loaded + " rows in the archive, the manifest says "
                            + expected);
                }
                restartIdentities(connection, table);
            }
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static long loadTable(Connection connection, String table, Path file) throws SQLException, IOException {
        List<DatabaseTables.Column> columns = DatabaseTables.columns(connection, table);
        String names = String.join(", ", columns.stream().map(DatabaseTables.Column::name).toList());
        String marks = String.join(", ", columns.stream().map(c -> "?").toList());
        long rows = 0;
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " (" + names
                + ") values (" + marks + ")");
                BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                for (int i = 0; i < columns.size(); i++) {
                    bind(insert, i + 1, columns.get(i), row.get(columns.get(i).name()));
                }
                insert.addBatch();
                if (++rows % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return rows;
    }

    private static void bind(PreparedStatement insert, int index, DatabaseTables.Column column, JsonNode value)
            throws SQLException {
        if (value == null || value.isNull()) {
            insert.setNull(index, column.type());
            return;
        }
        switch (column.type()) {
            case Types.BIGINT -> insert.setLong(index, value.asLong());
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> insert.setInt(index, value.asInt());
            case Types.BOOLEAN, Types.BIT -> insert.setBoolean(index, value.asBoolean());
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> insert.setDouble(index, value.asDouble());
            case Types.NUMERIC, Types.DECIMAL -> insert.setBigDecimal(index, value.decimalValue());
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    insert.setBytes(index, Base64.getDecoder().decode(value.asText()));
            default -> insert.setString(index, value.asText());
        }
    }

    /** {@code alter table t alter column c restart with n} is understood by H2 and PostgreSQL alike. */
    private static void restartIdentities(Connection connection, String table) throws SQLException {
        for (DatabaseTables.Column column : DatabaseTables.columns(connection, table)) {
            if (!column.autoIncrement()) {
                continue;
            }
            long next;
            try (Statement s = connection.createStatement();
                    var rs = s.executeQuery("select coalesce(max(" + column.name() + "), 0) + 1 from " + table)) {
                rs.next();
                next = rs.getLong(1);
            }
            try (Statement s = connection.createStatement()) {
                s.execute("alter table " + table + " alter column " + column.name() + " restart with " + next);
            }
        }
    }
}

package io.consortia.platform.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The platform's tables as JDBC metadata shows them, on H2 and PostgreSQL alike: names in
 * lower case, in an order where every table comes after the tables it references (so rows can
 * be inserted with foreign keys checked), and each table's columns with their JDBC types.
 */
final class DatabaseTables {
    static final String FLYWAY = "flyway_schema_history";

    private DatabaseTables() {}

    record Column(String name, int type, boolean autoIncrement) {}

    /** Every table of the connection's schema except Flyway's, parents first. */
    static List<String> ordered(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        Map<String, String> actual = new LinkedHashMap<>(); // lower-case -> as the database spells it
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!name.equalsIgnoreCase(FLYWAY)) {
                    actual.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : actual.entrySet()) {
            Set<String> refs = new LinkedHashSet<>();
            try (ResultSet rs = meta.getImportedKeys(null, schema, table.getValue())) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(table.getKey())) {
                        refs.add(parent);
                    }
                }
            }
            parents.put(table.getKey(), refs);
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(actual.keySet());
        names.sort(null);
        while (order.size() < names.size()) {
            boolean progress = false;
            for (String name : names) {
                if (!placed.contains(name) && placed.containsAll(parents.get(name))) {
                    order.add(name);
                    placed.add(name);
                    progress = true;
                }
            }
            if (!progress) {
                throw new SQLException("the tables' foreign keys form a cycle; cannot order " + names);
            }
        }
        return order;
    }

    static List<Column> columns(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, connection.getSchema(), actualName(connection, table), "%")) {
            while (rs.next()) {
                columns.add(new Column(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"),
                        "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))));
            }
        }
        return columns;
    }

    static List<String> primaryKey(Connection connection, String table) throws SQLException {
        Map<Integer, String> key = new java.util.TreeMap<>();
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, connection.getSchema(),
                actualName(connection, table))) {
            while (rs.next()) {
                key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(key.values());
    }

    /** H2 keeps unquoted names in upper case, PostgreSQL in lower case. */
    static String actualName(Connection connection, String lower) throws SQLException {
        return connection.getMetaData().storesUpperCaseIdentifiers() ? lower.toUpperCase(Locale.ROOT) : lower;
    }

    /** The highest successful migration version, compared as numbers (1 < 2 < 10). */
    static String schemaVersion(Connection connection) throws SQLException {
        String best = null;
        // Flyway quotes its table's name: lower case on H2 too, unlike the platform's own tables
        String flyway = null;
        try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(FLYWAY)) {
                    flyway = rs.getString("TABLE_NAME");
                }
            }
        }
        if (flyway == null) {
            throw new SQLException("the database has no " + FLYWAY + ": it is not a platform's database");
        }
        try (var statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select \"version\" from \"" + flyway
                        + "\" where \"success\" = true and \"version\" is not null")) {
            while (rs.next()) {
                String v = rs.getString(1);
                if (best == null || compareVersions(v, best) > 0) {
                    best = v;
                }
            }
        }
        if (best == null) {
            throw new SQLException("the database has no applied migrations");
        }
        return best;
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}

package io.consortia.platform.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;

/**
 * {@code manifest.json} of a platform backup.
 *
 * @param schemaVersion the highest database migration applied when the backup was taken; a
 *     restore builds the schema up to exactly this version, loads the rows, then migrates on
 * @param database the product the rows came from (H2, PostgreSQL): informative, any restores into any
 * @param tables every table with its row count, in the order the archive holds them
 * @param masterKeyCheck HMAC-SHA256 of a fixed text under the master key (base64): tells a
 *     wrong key at once without revealing anything of the key
 * @param note why the backup was taken, as its taker said
 */
public record PlatformBackupManifest(int formatVersion, long createdMillis, String schemaVersion, String database,
        List<Table> tables, String masterKeyCheck, String note) {
    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public record Table(String name, long rows) {}

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static PlatformBackupManifest parse(byte[] json) throws IOException {
        PlatformBackupManifest m = JSON.readValue(json, PlatformBackupManifest.class);
        if (m.tables() == null || m.schemaVersion() == null) {
            throw new IOException("the manifest lists no tables or schema version");
        }
        return m;
    }

    long rows(String table) {
        return tables.stream().filter(t -> t.name().equals(table)).mapToLong(Table::rows).sum();
    }
}

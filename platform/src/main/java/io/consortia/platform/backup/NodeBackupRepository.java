package io.consortia.platform.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class NodeBackupRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<NodeBackupRecord.ChannelState>> CHANNELS = new TypeReference<>() {};
    private final JdbcClient jdbc;

    NodeBackupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long consortiumId, String nodeId, Path file, long size, String sha256,
            List<NodeBackupRecord.ChannelState> channels, String createdBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        String json;
        try {
            json = JSON.writeValueAsString(channels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.sql("insert into node_backups (consortium_id, node_id, file, size_bytes, sha256, channels, created_by, "
                        + "created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(consortiumId, nodeId, file.toString(), size, sha256, json, createdBy, System.currentTimeMillis())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<NodeBackupRecord> byId(long id) {
        return jdbc.sql("select * from node_backups where id = ?").param(id).query(this::map).optional();
    }

    Optional<Path> file(long id) {
        return jdbc.sql("select file from node_backups where id = ?").param(id).query(String.class).optional()
                .map(Path::of);
    }

    List<NodeBackupRecord> ofConsortium(long consortiumId) {
        return jdbc.sql("select * from node_backups where consortium_id = ? order by id desc").param(consortiumId)
                .query(this::map).list();
    }

    void delete(long id) {
        jdbc.sql("delete from node_backups where id = ?").param(id).update();
    }

    private NodeBackupRecord map(ResultSet rs, int row) throws SQLException {
        List<NodeBackupRecord.ChannelState> channels;
        try {
            channels = JSON.readValue(rs.getString("channels"), CHANNELS);
        } catch (IOException e) {
            channels = List.of();
        }
        return new NodeBackupRecord(rs.getLong("id"), rs.getLong("consortium_id"), rs.getString("node_id"),
                rs.getLong("size_bytes"), rs.getString("sha256"), channels, rs.getString("created_by"),
                rs.getLong("created_at"), Files.isRegularFile(Path.of(rs.getString("file"))));
    }
}

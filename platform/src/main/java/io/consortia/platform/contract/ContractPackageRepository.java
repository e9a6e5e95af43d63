package io.consortia.platform.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ContractPackageRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, consortium_id, name, version, description, manifest, code_hash, "
            + "size_bytes, uploaded_by, uploaded_at, review_status, reviewed_by, reviewed_at, review_note";
    private final JdbcClient jdbc;

    ContractPackageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long consortiumId, ContractManifest manifest, byte[] module, String codeHash, String uploadedBy,
            Long organizationId) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into contract_packages (consortium_id, name, version, description, manifest, module, "
                        + "code_hash, size_bytes, uploaded_by, uploader_organization_id, uploaded_at, review_status) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(consortiumId, manifest.name(), manifest.version(), manifest.description(), write(manifest),
                        module, codeHash, module.length, uploadedBy, organizationId, System.currentTimeMillis(),
                        ContractPackage.PENDING)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    boolean exists(long consortiumId, String name, String version) {
        return jdbc.sql("select count(*) from contract_packages where consortium_id = ? and name = ? and version = ?")
                .params(consortiumId, name, version).query(Long.class).single() > 0;
    }

    Optional<ContractPackage> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from contract_packages where id = ?").param(id).query(this::map)
                .optional();
    }

    Optional<ContractPackage> byVersion(long consortiumId, String name, String version) {
        return jdbc.sql("select " + COLUMNS + " from contract_packages where consortium_id = ? and name = ? "
                + "and version = ?").params(consortiumId, name, version).query(this::map).optional();
    }

    List<ContractPackage> ofConsortium(long consortiumId) {
        return jdbc.sql("select " + COLUMNS + " from contract_packages where consortium_id = ? order by name, id")
                .param(consortiumId).query(this::map).list();
    }

    List<ContractPackage> versions(long consortiumId, String name) {
        return jdbc.sql("select " + COLUMNS + " from contract_packages where consortium_id = ? and name = ? "
                + "order by id").params(consortiumId, name).query(this::map).list();
    }

    byte[] module(long id) {
        return jdbc.sql("select module from contract_packages where id = ?").param(id)
                .query((rs, row) -> rs.getBytes(1)).single();
    }

    /**
     * Reviews a PENDING version; false when it is not PENDING (any more). Conditional, so that of two
     * concurrent reviews (one approving, one rejecting) only the first counts instead of the last.
     */
    boolean review(long id, String status, String reviewer, String note) {
        return jdbc.sql("update contract_packages set review_status = ?, reviewed_by = ?, reviewed_at = ?, "
                        + "review_note = ? where id = ? and review_status = '" + ContractPackage.PENDING + "'")
                .params(status, reviewer, System.currentTimeMillis(), note, id).update() == 1;
    }

    private ContractPackage map(ResultSet rs, int row) throws SQLException {
        return new ContractPackage(rs.getLong("id"), rs.getLong("consortium_id"), rs.getString("name"),
                rs.getString("version"), rs.getString("description"), read(rs.getString("manifest")),
                rs.getString("code_hash"), rs.getInt("size_bytes"), rs.getString("uploaded_by"),
                rs.getLong("uploaded_at"), rs.getString("review_status"), rs.getString("reviewed_by"),
                rs.getObject("reviewed_at", Long.class), rs.getString("review_note"));
    }

    private static String write(ContractManifest manifest) {
        try {
            return JSON.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest record always serializes", e);
        }
    }

    private static ContractManifest read(String text) {
        try {
            return JSON.readValue(text, ContractManifest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored manifest is one this platform wrote", e);
        }
    }
}

package io.consortia.platform.custody;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CustodyRepository {
    private final JdbcClient jdbc;

    CustodyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredKey(KeyView view, String sealedKey) {}

    record StoredAuthority(String scheme, String rootPem, String tlsRootPem) {}

    void insertAuthority(long consortiumId, long organizationId, String scheme, String rootPem, String tlsRootPem) {
        jdbc.sql("insert into certificate_authorities (consortium_id, organization_id, signature_scheme, root_pem, "
                        + "tls_root_pem, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(consortiumId, organizationId, scheme, rootPem, tlsRootPem, System.currentTimeMillis()).update();
    }

    Optional<StoredAuthority> authority(long consortiumId, long organizationId) {
        return jdbc.sql("select signature_scheme, root_pem, tls_root_pem from certificate_authorities "
                        + "where consortium_id = ? and organization_id = ?")
                .params(consortiumId, organizationId)
                .query((rs, i) -> new StoredAuthority(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    /**
     * The TLS roots of the organisations that are members now. An organisation voted out keeps
     * its CA in custody (for the blocks it signed), but neither a node deployed after its removal
     * (tls-roots.pem) nor the platform's clients trust its TLS root any more.
     */
    List<String> tlsRootPems(long consortiumId) {
        return jdbc.sql("select a.tls_root_pem from certificate_authorities a join consortium_members m "
                + "on m.consortium_id = a.consortium_id and m.organization_id = a.organization_id "
                + "where a.consortium_id = ? order by a.organization_id").param(consortiumId).query(String.class)
                .list();
    }

    void insertKey(long consortiumId, long organizationId, KeyPurpose purpose, String subject, String certificatePem,
            String sealedKey) {
        jdbc.sql("insert into custody_keys (consortium_id, organization_id, purpose, subject, certificate_pem, "
                        + "sealed_key, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(consortiumId, organizationId, purpose.name(), subject, certificatePem, sealedKey,
                        System.currentTimeMillis()).update();
    }

    Optional<StoredKey> key(long consortiumId, long organizationId, KeyPurpose purpose, String subject) {
        return jdbc.sql("select * from custody_keys where consortium_id = ? and organization_id = ? and purpose = ? "
                        + "and subject = ?")
                .params(consortiumId, organizationId, purpose.name(), subject).query(CustodyRepository::map).optional();
    }

    /** Some key in custody, if there is any: whether a master key is the right one is seen on it. */
    Optional<MasterKey.Sealed> anySealedKey() {
        return jdbc.sql("select * from custody_keys order by id limit 1").query(CustodyRepository::map).optional()
                .map(k -> new MasterKey.Sealed(k.sealedKey(), KeyVault.context(k.view().consortiumId(),
                        k.view().organizationId(), k.view().purpose(), k.view().subject()), k.view().purpose() + " of "
                        + k.view().subject()));
    }

    List<StoredKey> keysOf(long organizationId) {
        return jdbc.sql("select * from custody_keys where organization_id = ? order by id").param(organizationId)
                .query(CustodyRepository::map).list();
    }

    /** The signing and TLS keys a node uses. */
    List<StoredKey> nodeKeys(long consortiumId, String nodeId) {
        return jdbc.sql("select * from custody_keys where consortium_id = ? and subject = ? "
                        + "and purpose in ('NODE', 'NODE_TLS') order by id")
                .params(consortiumId, nodeId).query(CustodyRepository::map).list();
    }

    void deleteKeys(long consortiumId, KeyPurpose purpose, String subject) {
        jdbc.sql("delete from custody_keys where consortium_id = ? and purpose = ? and subject = ?")
                .params(consortiumId, purpose.name(), subject).update();
    }

    private static StoredKey map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredKey(new KeyView(rs.getLong("id"), rs.getLong("consortium_id"), rs.getLong("organization_id"),
                KeyPurpose.valueOf(rs.getString("purpose")), rs.getString("subject"), rs.getString("certificate_pem"),
                rs.getLong("created_at")), rs.getString("sealed_key"));
    }

    List<StoredKey> keysOfSubject(KeyPurpose purpose, String subject) {
        return jdbc.sql("select * from custody_keys where purpose = ? and subject = ? order by id")
                .params(purpose.name(), subject).query(CustodyRepository::map).list();
    }

    List<StoredKey> keysOfConsortium(long consortiumId) {
        return jdbc.sql("select * from custody_keys where consortium_id = ? order by organization_id, id")
                .param(consortiumId).query(CustodyRepository::map).list();
    }

    /** Replaces the certificate and key an identity uses (a renewal). */
    void replaceKey(long keyId, String certificatePem, String sealedKey) {
        jdbc.sql("update custody_keys set certificate_pem = ?, sealed_key = ?, created_at = ? where id = ?")
                .params(certificatePem, sealedKey, System.currentTimeMillis(), keyId).update();
    }

    void deleteKey(long keyId) {
        jdbc.sql("delete from custody_keys where id = ?").param(keyId).update();
    }

    void insertRetired(KeyView key, String serial, long notAfter, RetiredCertificate.Status status, String replacedBy,
            String actor, String reason) {
        long now = System.currentTimeMillis();
        boolean revoked = status == RetiredCertificate.Status.REVOKED;
        jdbc.sql("insert into retired_certificates (consortium_id, organization_id, purpose, subject, serial, "
                        + "certificate_pem, not_after, status, replaced_by, retired_at, revoked_at, revoked_by, reason) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(key.consortiumId(), key.organizationId(), key.purpose().name(), key.subject(), serial,
                        key.certificatePem(), notAfter, status.name(), replacedBy, now, revoked ? now : null,
                        revoked ? actor : null, revoked ? reason : null)
                .update();
    }

    /** Revokes a superseded certificate; false when it is not (any longer) SUPERSEDED. */
    boolean revokeRetired(long id, String actor, String reason) {
        return jdbc.sql("update retired_certificates set status = 'REVOKED', revoked_at = ?, revoked_by = ?, reason = ? "
                        + "where id = ? and status = 'SUPERSEDED'")
                .params(System.currentTimeMillis(), actor, reason, id).update() == 1;
    }

    List<RetiredCertificate> retired(long consortiumId) {
        return jdbc.sql("select * from retired_certificates where consortium_id = ? order by id").param(consortiumId)
                .query(CustodyRepository::mapRetired).list();
    }

    private static RetiredCertificate mapRetired(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long revokedAt = rs.getLong("revoked_at");
        Long revoked = rs.wasNull() ? null : revokedAt;
        return new RetiredCertificate(rs.getLong("id"), rs.getLong("consortium_id"), rs.getLong("organization_id"),
                KeyPurpose.valueOf(rs.getString("purpose")), rs.getString("subject"), rs.getString("serial"),
                rs.getString("certificate_pem"), rs.getLong("not_after"),
                RetiredCertificate.Status.valueOf(rs.getString("status")), rs.getString("replaced_by"),
                rs.getLong("retired_at"), revoked, rs.getString("revoked_by"), rs.getString("reason"));
    }

    /** Every key and CA of a consortium (the consortium is being deleted). */
    void deleteOfConsortium(long consortiumId) {
        jdbc.sql("delete from retired_certificates where consortium_id = ?").param(consortiumId).update();
        jdbc.sql("delete from custody_keys where consortium_id = ?").param(consortiumId).update();
        jdbc.sql("delete from certificate_authorities where consortium_id = ?").param(consortiumId).update();
    }
}

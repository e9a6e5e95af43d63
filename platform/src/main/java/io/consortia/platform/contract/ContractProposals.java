package io.consortia.platform.contract;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The lifecycle proposals made through the platform. The ledger is the authority on approvals and
 * commits; these rows say which proposals exist (the node has no query listing them) and which
 * package a definition came from, so its manifest is known.
 */
@Component
class ContractProposals {
    static final String OPEN = "OPEN";
    static final String COMMITTED = "COMMITTED";
    static final String STALE = "STALE";

    record Row(long id, long consortiumId, String channel, String contract, long sequence, String digest,
            String action, Long packageId, String proposedBy, long proposerOrganizationId, long proposedAt,
            String status) {}

    private final JdbcClient jdbc;

    ContractProposals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long consortiumId, String channel, String contract, long sequence, String digest, String action,
            Long packageId, String proposedBy, long organizationId) {
        if (find(consortiumId, channel, contract, sequence, digest).isPresent()) {
            return; // the same definition proposed twice has the same digest: one proposal on chain
        }
        jdbc.sql("insert into contract_proposals (consortium_id, channel, contract, sequence, digest, action, "
                        + "package_id, proposed_by, proposer_organization_id, proposed_at, status) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(consortiumId, channel, contract, sequence, digest, action, packageId, proposedBy,
                        organizationId, System.currentTimeMillis(), OPEN)
                .update();
    }

    Optional<Row> find(long consortiumId, String channel, String contract, long sequence, String digest) {
        return jdbc.sql("select * from contract_proposals where consortium_id = ? and channel = ? and contract = ? "
                        + "and sequence = ? and digest = ?")
                .params(consortiumId, channel, contract, sequence, digest).query(Row.class).optional();
    }

    List<Row> ofContract(long consortiumId, String channel, String contract) {
        return jdbc.sql("select * from contract_proposals where consortium_id = ? and channel = ? and contract = ? "
                + "order by id desc").params(consortiumId, channel, contract).query(Row.class).list();
    }

    List<Row> open(long consortiumId, String channel) {
        return jdbc.sql("select * from contract_proposals where consortium_id = ? and channel = ? and status = ? "
                + "order by id").params(consortiumId, channel, OPEN).query(Row.class).list();
    }

    /** The committed one is COMMITTED; every other open proposal of that sequence or before can no longer commit. */
    void committed(long consortiumId, String channel, String contract, long sequence, String digest) {
        jdbc.sql("update contract_proposals set status = ? where consortium_id = ? and channel = ? and contract = ? "
                        + "and sequence <= ? and status = ?")
                .params(STALE, consortiumId, channel, contract, sequence, OPEN).update();
        jdbc.sql("update contract_proposals set status = ? where consortium_id = ? and channel = ? and contract = ? "
                        + "and sequence = ? and digest = ?")
                .params(COMMITTED, consortiumId, channel, contract, sequence, digest).update();
    }
}

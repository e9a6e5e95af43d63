package io.consortia.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.node.storage.RocksDbKeyValueStorage;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelConfigInfo;
import io.consortia.protocol.v1.Organization;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelLedgerConfigTest {
    @TempDir
    Path temp;

    private ChannelLedger open(ChannelConfig genesis) {
        return ChannelLedger.open(RocksDbKeyValueStorage.open(temp.resolve("ledger"), ChannelLedger.COLUMNS), genesis);
    }

    @Test
    void a_genesis_config_stored_as_version_0_is_version_1() {
        ChannelConfig genesis = TestBlocks.config();
        assertThat(genesis.getVersion()).isZero();
        try (ChannelLedger ledger = open(genesis)) {
            assertThat(ledger.config().getVersion()).isEqualTo(1);
            assertThat(ledger.genesisConfig()).isEqualTo(genesis.toBuilder().setVersion(1).build());
            assertThat(ledger.configInfo()).isEqualTo(ChannelConfigInfo.newBuilder()
                    .setConfig(genesis.toBuilder().setVersion(1)).setBlockNumber(0).build());
            assertThat(ledger.configInfo(1)).contains(ledger.configInfo());
            assertThat(ledger.configInfo(2)).isEmpty();
            // the genesis block is unchanged: derived from the config exactly as given
            assertThat(ledger.block(0)).contains(ChannelLedger.genesisBlock(genesis));
        }
    }

    @Test
    void committed_versions_survive_a_reopen_with_their_block_and_transaction() {
        ChannelConfig genesis = TestBlocks.config();
        ChannelConfig v2 = genesis.toBuilder().setVersion(2).setPolicy(ChangePolicy.ANY).build();
        ChannelConfig v3 = v2.toBuilder().setVersion(3).setPolicy(ChangePolicy.ALL).build();
        try (ChannelLedger ledger = open(genesis)) {
            Block b1 = TestBlocks.next(ledger).tx("change-1").block();
            ledger.commit(b1, List.of(), 1, 1, new ConfigChange(v2, "tx-2"));
            TestBlocks.next(ledger).tx("plain").commit(1, 2);
            Block b3 = TestBlocks.next(ledger).tx("change-2").block();
            ledger.commit(b3, List.of(), 1, 3, new ConfigChange(v3, "tx-3"));
            assertThat(ledger.config()).isEqualTo(v3);
        }
        try (ChannelLedger reopened = open(genesis)) {
            assertThat(reopened.config()).isEqualTo(v3);
            assertThat(reopened.configInfo().getBlockNumber()).isEqualTo(3);
            assertThat(reopened.configInfo(2).orElseThrow()).isEqualTo(ChannelConfigInfo.newBuilder()
                    .setConfig(v2).setBlockNumber(1).setTransactionId("tx-2").build());
            assertThat(reopened.configInfo(3).orElseThrow().getTransactionId()).isEqualTo("tx-3");
            assertThat(reopened.configInfo(4)).isEmpty();
            assertThat(reopened.genesisConfig().getPolicy()).isEqualTo(ChangePolicy.CHANGE_POLICY_UNSPECIFIED);
        }
    }

    /** What the node's TLS trust withdraws from its configured roots, also after a reopen. */
    @Test
    void removed_organisations_are_those_an_earlier_version_listed_and_the_one_in_force_does_not() {
        Organization org1 = Organization.newBuilder().setName("org1").setTlsRootCertificatesPem("one").build();
        Organization org2 = Organization.newBuilder().setName("org2").setTlsRootCertificatesPem("two").build();
        Organization org3 = Organization.newBuilder().setName("org3").setTlsRootCertificatesPem("three").build();
        ChannelConfig genesis = TestBlocks.config().toBuilder().addOrganizations(org1).addOrganizations(org2)
                .addOrganizations(org3).build();
        ChannelConfig v2 = genesis.toBuilder().setVersion(2).removeOrganizations(2).build();
        // org2 leaves, org3 comes back with a new root, org4 joins
        Organization org3Again = org3.toBuilder().setTlsRootCertificatesPem("three again").build();
        ChannelConfig v3 = v2.toBuilder().setVersion(3).removeOrganizations(1).addOrganizations(org3Again)
                .addOrganizations(Organization.newBuilder().setName("org4")).build();
        try (ChannelLedger ledger = open(genesis)) {
            assertThat(ledger.removedOrganizations()).isEmpty();
            ledger.commit(TestBlocks.next(ledger).tx("change-1").block(), List.of(), 1, 1, new ConfigChange(v2, "tx-2"));
            assertThat(ledger.removedOrganizations()).containsExactly(org3);
            ledger.commit(TestBlocks.next(ledger).tx("change-2").block(), List.of(), 1, 2, new ConfigChange(v3, "tx-3"));
            assertThat(ledger.removedOrganizations()).containsExactly(org2);
        }
        try (ChannelLedger reopened = open(genesis)) {
            assertThat(reopened.removedOrganizations()).containsExactly(org2);
        }
    }

    @Test
    void a_version_that_does_not_follow_is_refused_and_nothing_is_written() {
        ChannelConfig genesis = TestBlocks.config();
        try (ChannelLedger ledger = open(genesis)) {
            Block b1 = TestBlocks.next(ledger).tx("change").block();
            assertThatThrownBy(() -> ledger.commit(b1, List.of(), 1, 1,
                    new ConfigChange(genesis.toBuilder().setVersion(3).build(), "tx")))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("does not follow version 1");
            assertThat(ledger.height()).isEqualTo(1);
            assertThat(ledger.config().getVersion()).isEqualTo(1);
        }
    }
}

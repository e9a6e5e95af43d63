package io.consortia.testkit.wasm;

import static io.consortia.testkit.wasm.WasmNetwork.counter;
import static io.consortia.testkit.wasm.WasmNetwork.module;
import static io.consortia.testkit.wasm.WasmNetwork.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.protocol.v1.ContractStatus;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.protocol.v1.ProposalStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Contract;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.Lifecycle;
import io.consortia.sdk.SubmitResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle of a WebAssembly contract on a real three-organisation network (policy MAJORITY:
 * two approvals): propose, approvals, commit, invoke, upgrade keeping state, freeze refusing calls,
 * unfreeze; refused steps each with their code and no state change.
 */
class WasmLifecycleIT {
    private static WasmNetwork net;

    @BeforeAll
    static void start() {
        net = new WasmNetwork();
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void propose_approve_commit_invoke_upgrade_freeze_unfreeze() {
        Lifecycle org1 = net.admin("org1");
        Lifecycle org2 = net.admin("org2");
        Lifecycle org3 = net.admin("org3");
        Contract counter = net.user(0).contract("counter");
        Contract counterOnNode3 = net.user(2).contract("counter");

        String v1 = org1.install(module("counter_v1"));
        String digest = org1.propose(Lifecycle.definition("counter", "1.0", 1, v1).build());

        // not committed yet: refused, nothing runs
        assertThat(refusal(() -> counter.submit("inc"))).isEqualTo(ValidationCode.CONTRACT_NOT_COMMITTED);
        assertThat(org1.approve("counter", 1, digest)).isEqualTo(1);
        // one approval of three organisations does not meet MAJORITY
        assertThat(refusal(() -> org1.commit("counter", 1, digest))).isEqualTo(ValidationCode.LIFECYCLE_POLICY_NOT_MET);
        // a user (non-admin) certificate's approval is refused and not counted
        assertThat(refusal(() -> Lifecycle.of(net.user(1)).approve("counter", 1, digest)))
                .isEqualTo(ValidationCode.LIFECYCLE_NOT_ADMIN);
        net.awaitEveryNode(); // the reads below go through other nodes than the steps
        ProposalStatus pending = org3.proposal("counter", 1, digest);
        assertThat(pending.getApprovalsList()).extracting(a -> a.getOrganization()).containsExactly("org1");
        assertThat(pending.getRequired()).isEqualTo(2);
        assertThat(pending.getCommitted()).isFalse();
        assertThat(org2.approve("counter", 1, digest)).isEqualTo(2);
        LifecycleRecord committed = org3.commit("counter", 1, digest);
        net.awaitEveryNode(); // the calls below go through other nodes than the commit
        assertThat(committed.getDefinition().getSequence()).isEqualTo(1);
        assertThat(committed.getApprovalsList()).extracting(a -> a.getOrganization()).containsExactly("org1", "org2");

        SubmitResult first = counter.submit("inc");
        assertThat(counter(first.result())).isEqualTo(1);
        assertThat(counter(counterOnNode3.submit("inc").result())).isEqualTo(2);
        assertThat(net.user(0).blockByNumber(first.blockNumber()).getTransactionsList())
                .filteredOn(tx -> tx.getTransactionId().equals(first.transactionId()))
                .singleElement().satisfies(tx -> assertThat(tx.getEventsList()).extracting(e -> e.getName())
                        .containsExactly("Incremented"));

        // upgrade: v1 serves until v2 commits; the state is kept
        net.awaitEveryNode();
        String v2 = org2.install(module("counter_v2"));
        String upgrade = org2.upgrade("counter", "2.0", v2);
        org2.approve("counter", 2, upgrade);
        assertThat(counter(counter.submit("inc").result())).as("v1 until the upgrade commits").isEqualTo(3);
        org3.approve("counter", 2, upgrade);
        org2.commit("counter", 2, upgrade);
        net.awaitEveryNode(); // the calls below go through other nodes than the commit
        assertThat(counter(counter.submit("inc").result())).as("v2 adds 10 to v1's state").isEqualTo(13);
        assertThat(org2.definition("counter").getDefinition().getVersion()).isEqualTo("2.0");

        // freeze: refused with CONTRACT_FROZEN, state unchanged; unfreeze: runs again
        String freeze = org1.freeze("counter");
        org1.approve("counter", 3, freeze);
        org3.approve("counter", 3, freeze);
        org1.commit("counter", 3, freeze);
        net.awaitEveryNode(); // the calls below go through other nodes than the commit
        // read through the node that committed it: the others may be a block behind
        assertThat(org1.definition("counter").getDefinition().getStatus()).isEqualTo(ContractStatus.FROZEN);
        assertThat(refusal(() -> counterOnNode3.submit("inc"))).isEqualTo(ValidationCode.CONTRACT_FROZEN);
        assertThatThrownBy(() -> counter.evaluate("get")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("CONTRACT_FROZEN");
        String unfreeze = org3.unfreeze("counter");
        org3.approve("counter", 4, unfreeze);
        org2.approve("counter", 4, unfreeze);
        org3.commit("counter", 4, unfreeze);
        net.awaitEveryNode(); // the calls below go through other nodes than the commit
        assertThat(counter(counterOnNode3.evaluate("get"))).as("frozen calls changed nothing").isEqualTo(13);
        assertThat(counter(counterOnNode3.submit("inc").result())).isEqualTo(23);

        assertThat(org3.history("counter")).extracting(r -> r.getDefinition().getSequence()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(org3.history("counter")).extracting(r -> r.getDefinition().getStatus())
                .containsExactly(ContractStatus.ACTIVE, ContractStatus.ACTIVE, ContractStatus.FROZEN, ContractStatus.ACTIVE);
        assertThat(org3.definitions()).extracting(r -> r.getDefinition().getName()).contains("counter");
        net.assertIdenticalChains();
    }

    @Test
    void refused_lifecycle_steps_and_calls_change_nothing() {
        Lifecycle org1 = net.admin("org1");
        Contract other = net.user(1).contract("other");
        // never proposed: unknown
        assertThat(refusal(() -> other.submit("inc"))).isEqualTo(ValidationCode.UNKNOWN_CONTRACT);
        // a user may not install or propose
        assertThat(refusal(() -> Lifecycle.of(net.user(0)).install(module("counter_v1"))))
                .isEqualTo(ValidationCode.LIFECYCLE_NOT_ADMIN);
        String code = org1.install(module("counter_v1"));
        // built-in names and skipped sequences are refused
        assertThat(refusal(() -> org1.propose(Lifecycle.definition("token", "1", 1, code).build())))
                .isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        assertThat(refusal(() -> org1.propose(Lifecycle.definition("other", "1", 2, code).build())))
                .isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        String digest = org1.propose(Lifecycle.definition("other", "1", 1, code).build());
        org1.approve("other", 1, digest);
        assertThat(refusal(() -> org1.approve("other", 1, digest))).isEqualTo(ValidationCode.LIFECYCLE_ALREADY_APPROVED);
        assertThat(refusal(() -> org1.commit("other", 1, digest))).isEqualTo(ValidationCode.LIFECYCLE_POLICY_NOT_MET);
        net.awaitEveryNode(); // the call goes through another node than the steps
        assertThat(refusal(() -> other.submit("inc"))).isEqualTo(ValidationCode.CONTRACT_NOT_COMMITTED);
        assertThatThrownBy(() -> org1.definition("other")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("no committed definition");
        assertThat(org1.proposal("other", 1, digest).getApprovalsCount()).isEqualTo(1);
        net.assertIdenticalChains();
    }
}

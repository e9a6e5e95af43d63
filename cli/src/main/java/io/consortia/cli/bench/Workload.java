package io.consortia.cli.bench;

import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.sdk.Channel;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark's clients send. A workload hands each client a {@link Client} that builds
 * and signs the transactions of its next call and hears back how they ended, so that a workload
 * can follow its own state (an asset is transferred only after its creation committed).
 *
 * <p>Built in: {@code notarization}, {@code asset}, {@code asset-contention}, {@code token} and
 * {@code wasm-notarize} (see {@link Workloads}).
 */
public interface Workload {

    /** The name used on the command line and in the report. */
    String name();

    /** One line for the report: which contract and functions, what is unique, what contends. */
    String description();

    /** Whether {@link #deploy} needs each organisation's ADMIN identity (deploying a contract through _lifecycle). */
    default boolean deploysContracts() {
        return false;
    }

    /**
     * Untimed, before {@link #prepare}, for a workload that {@link #deploysContracts}: one channel per organisation
     * signing as its ADMIN identity, and the users' channels of {@link #prepare}.
     */
    default void deploy(Map<String, Channel> adminByOrganization, Map<String, Channel> userByOrganization) {}

    /**
     * Untimed set-up before the warm-up (for example the assets that clients will fight over),
     * with one channel per organisation, each signing as that organisation's user.
     */
    default void prepare(Map<String, Channel> channelByOrganization) {}

    /**
     * The client with the given index, sending through {@code channel} as a user of
     * {@code organization}; {@code organizations} are all members, in order.
     */
    Client client(int index, Channel channel, String organization, List<String> organizations);

    /** Organisations the workload needs (token transfers go from one organisation's account to another's). */
    default int minimumOrganizations() {
        return 1;
    }

    /**
     * Whether the workload makes invalid transactions by design (contention: several clients
     * transfer the same assets, and only the owner's transfer can succeed).
     */
    default boolean invalidByDesign() {
        return false;
    }

    /** One client's transaction source; used by one thread at a time. */
    interface Client {
        /** Builds and signs the transactions of the next call (at most {@code count}, at least one). */
        List<Transaction> next(int count);

        /** The answers to the transactions last returned by {@link #next}, in the same order. */
        default void completed(List<Transaction> sent, List<SubmitResponse> responses) {}

        /**
         * Builds and signs up to {@code count} transactions now, before the warm-up, that
         * {@link #next} hands out before signing any more: the load generator's signing then
         * does not compete with the nodes for the cores during the measurement. Only for
         * transactions that do not depend on earlier answers. Returns how many were made.
         */
        default int presign(int count) {
            return 0;
        }

        /** Transactions {@link #next} had to sign itself after the pre-signed ones ran out. */
        default long signedDuringRun() {
            return 0;
        }
    }
}

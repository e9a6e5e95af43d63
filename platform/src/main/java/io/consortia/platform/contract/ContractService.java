package io.consortia.platform.contract;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.GatewayPool;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.channel.NodeRefusals;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.Identity;
import io.consortia.sdk.SubmitException;
import io.consortia.sdk.SubmitResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Runs a contract call for a person: checks that the caller's organisation is in the channel,
 * connects (the organisation's own nodes first) signing with the caller's custodial identity,
 * and translates SDK failures into problems that say what went wrong.
 */
@Service
class ContractService {
    private final ChannelService channels;
    private final ConsortiumService consortia;
    private final CustodyService custody;
    private final NetworkClients clients;

    ContractService(ChannelService channels, ConsortiumService consortia, CustodyService custody,
            NetworkClients clients) {
        this.channels = channels;
        this.consortia = consortia;
        this.custody = custody;
        this.clients = clients;
    }

    /**
     * Calls as the signed-in user, signing with their custodial identity: submits, and reads by
     * organisation users (a balance without an account is their own). Only users of the channel's
     * organisations may.
     */
    <T> T asCaller(Caller caller, long consortiumId, String channelName, Function<Call, T> work) {
        return asCaller(caller, consortiumId, channelName, organizations -> { }, work);
    }

    /**
     * As {@link #asCaller(Caller, long, String, Function)}, with a check of the request against
     * the names of the channel's organisations once the caller may know them, before any node is
     * contacted (a recipient that is not in the channel is refused with 400 here, and again by
     * the contract on chain).
     */
    <T> T asCaller(Caller caller, long consortiumId, String channelName,
            java.util.function.Consumer<java.util.Set<String>> precheck, Function<Call, T> work) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        long organization = caller.requireOrganization();
        if (!consortia.isMember(consortiumId, organization)) {
            throw PlatformException.forbidden("Your organisation is not a member of consortium " + consortiumId);
        }
        ChannelRecord channel = channels.require(consortiumId, channelName);
        if (!ContractPolicy.canSubmit(caller, channel)) {
            throw PlatformException.forbidden("Your organisation is not in channel " + channelName);
        }
        requireActive(channel);
        consortium.requireNetworkNotStopped();
        precheck.accept(consortia.members(consortiumId).stream()
                .filter(o -> channel.organizationIds().contains(o.id()))
                .map(io.consortia.platform.organization.Organization::name)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        Identity identity = custody.userIdentity(consortiumId, organization, caller.username());
        List<NodeRecord> endpoints = new ArrayList<>(channels.peers(channel));
        endpoints.sort(Comparator.comparing(n -> n.organizationId() == organization ? 0 : 1));
        return call(channel, work, () -> clients.lease(consortiumId, organization, identity, endpoints));
    }

    /**
     * Reads contract state for whoever may read the channel ({@link ContractPolicy#canRead}).
     * Organisation users read as themselves, exactly as {@link #asCaller}; the platform admin and
     * auditors, who hold no organisation's keys, read through the ledger reader the explorer uses
     * (the admin identity of the channel's first organisation). Reads are evaluated, never ordered,
     * so nothing is written on their behalf.
     */
    <T> T asReader(Caller caller, long consortiumId, String channelName, Function<Call, T> work) {
        if (caller.organizationId() != null) {
            return asCaller(caller, consortiumId, channelName, work);
        }
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        ChannelRecord channel = channels.require(consortiumId, channelName);
        if (!ContractPolicy.canRead(caller, channel)) {
            throw PlatformException.forbidden("Channel " + channelName + " is readable by its organisations only");
        }
        requireActive(channel);
        consortium.requireNetworkNotStopped();
        return call(channel, work, () -> clients.readerLease(consortiumId, channel.organizationIds().get(0),
                channels.peers(channel)));
    }

    /**
     * Acts as the caller's organisation through its custodial ADMIN identity (certificate OU=admin),
     * which the node's {@code _lifecycle} contract requires for every step: only an admin of one of
     * the channel's organisations may.
     */
    <T> T asOrganizationAdmin(Caller caller, long consortiumId, String channelName, Function<Call, T> work) {
        ChannelRecord channel = requireLifecycleAdmin(caller, consortiumId, channelName);
        long organization = caller.requireOrganization();
        List<NodeRecord> endpoints = new ArrayList<>(channels.peers(channel));
        endpoints.sort(Comparator.comparing(n -> n.organizationId() == organization ? 0 : 1));
        return call(channel, work, () -> clients.readerLease(consortiumId, organization, endpoints));
    }

    /**
     * Checks, before anything is recorded or sent, that the caller may take lifecycle steps on the
     * channel: an admin of one of its organisations, the channel active.
     */
    ChannelRecord requireLifecycleAdmin(Caller caller, long consortiumId, String channelName) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        caller.requireOrganization();
        ChannelRecord channel = channels.require(consortiumId, channelName);
        if (!ContractPolicy.canSubmit(caller, channel)) {
            throw PlatformException.forbidden("Your organisation is not in channel " + channelName);
        }
        if (!ContractPolicy.canManageLifecycle(caller, channel)) {
            throw PlatformException.forbidden("Only an admin of your organisation may act for it in a contract's "
                    + "lifecycle");
        }
        requireActive(channel);
        consortium.requireNetworkNotStopped();
        return channel;
    }

    /** The names of the channel's organisations, as their certificates (and caller rules) say them. */
    java.util.Set<String> organizationNames(long consortiumId, ChannelRecord channel) {
        return consortia.members(consortiumId).stream().filter(o -> channel.organizationIds().contains(o.id()))
                .map(io.consortia.platform.organization.Organization::name)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The name of an organisation as its certificates (and the ledger) say it. */
    String organizationName(long consortiumId, long organizationId) {
        return consortia.members(consortiumId).stream().filter(o -> o.id() == organizationId)
                .map(io.consortia.platform.organization.Organization::name).findFirst()
                .orElseThrow(() -> PlatformException.forbidden("Your organisation is not a member of consortium "
                        + consortiumId));
    }

    private static void requireActive(ChannelRecord channel) {
        if (!"ACTIVE".equals(channel.status())) {
            throw PlatformException.conflict("Channel " + channel.name() + " is " + channel.status());
        }
    }

    /** Runs the work on a leased gateway and translates SDK failures into problems. */
    private static <T> T call(ChannelRecord channel, Function<Call, T> work, Supplier<GatewayPool.Lease> leases) {
        try (GatewayPool.Lease lease = leases.get()) {
            return lease.call(gateway -> work.apply(new Call(gateway, channel)));
        } catch (CommitException e) {
            // recorded invalid in a block; the same code evaluated or refused at admission is the same problem,
            // which names the transaction and its block, where the caller finds it
            throw NodeRefusals.recorded(e.code(), e.reason(), e.transactionId(), e.blockNumber());
        } catch (SubmitException e) {
            throw NodeRefusals.of(e.code(), e.reason());
        } catch (GatewayException e) {
            // PERMISSION_DENIED: e.g. an evaluated function whose caller rule does not admit the caller
            throw NodeRefusals.of(e, channel.name());
        }
    }

    /** An open connection for one call. */
    record Call(Gateway gateway, ChannelRecord channel) {
        SubmitResult submit(String contract, String function, String... args) {
            return gateway.channel(channel.name()).contract(contract).submit(function, args);
        }

        /** A built-in's result, which is JSON text. */
        String evaluate(String contract, String function, String... args) {
            return new String(evaluateBytes(contract, function, args), java.nio.charset.StandardCharsets.UTF_8);
        }

        /** A user contract's result: any bytes. */
        byte[] evaluateBytes(String contract, String function, String... args) {
            return gateway.channel(channel.name()).contract(contract).evaluate(function, args);
        }

        io.consortia.sdk.Lifecycle lifecycle() {
            return io.consortia.sdk.Lifecycle.of(gateway.channel(channel.name()));
        }

        io.consortia.sdk.Channel sdkChannel() {
            return gateway.channel(channel.name());
        }

        io.consortia.protocol.v1.TransactionInfo transaction(String id) {
            return gateway.channel(channel.name()).transaction(id);
        }
    }
}

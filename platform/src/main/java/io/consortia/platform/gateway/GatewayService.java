package io.consortia.platform.gateway;

import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Pem;
import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.GatewayPool;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.channel.NodeRefusals;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.contract.LifecycleService;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.system.PlatformException;
import io.consortia.sdk.Channel;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.Identity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Runs a gateway call as the application: checks the key's scope for the channel (and, through
 * {@link Scoped}, for each contract call) before any node is contacted, then works on a pooled
 * connection signing with the application's custodial identity.
 */
@Service
class GatewayService {
    private final ApplicationService applications;
    private final ChannelService channels;
    private final ConsortiumService consortia;
    private final CustodyService custody;
    private final NetworkClients clients;
    private final LifecycleService lifecycle;
    /**
     * Opened identities by application: opening one decrypts and parses a key, too costly for
     * every request of a busy application. An application's certificate does change (a renewal
     * replaces it, a revocation drops it and the next use issues a new one), so each entry
     * remembers the certificate it was opened for and is used only while custody still holds
     * that certificate for the application.
     */
    private final java.util.Map<Long, Opened> identities = new java.util.concurrent.ConcurrentHashMap<>();

    /** An opened identity and the certificate (PEM, as custody stores it) it signs with. */
    private record Opened(String certificatePem, Identity identity) {}

    GatewayService(ApplicationService applications, ChannelService channels, ConsortiumService consortia,
            CustodyService custody, NetworkClients clients, LifecycleService lifecycle) {
        this.applications = applications;
        this.channels = channels;
        this.consortia = consortia;
        this.custody = custody;
        this.clients = clients;
        this.lifecycle = lifecycle;
    }

    /**
     * A contract call to check against the key's scope; {@code submitted} when it is to be ordered
     * into a block rather than evaluated.
     */
    record Invocation(String contract, String function, boolean submitted) {}

    /** The channel's hash function and the open channel, for one call. */
    record Scoped(Channel channel, HashFunction hash, Application application) {}

    /**
     * Runs {@code work} on the channel as the key's application once every invocation is in scope;
     * if any is not, nothing is sent.
     */
    <T> T call(AccessKey key, String channelName, List<Invocation> invocations, Function<Scoped, T> work) {
        Application application = applications.applicationOf(key);
        if (!key.allowsChannel(channelName)) {
            throw GatewayRefusal.outOfScope("Access key " + key.accessKeyId() + " may not use channel " + channelName
                    + " (its channels: " + String.join(", ", key.channels()) + ")");
        }
        for (Invocation invocation : invocations) {
            if (!key.allowsContract(invocation.contract())) {
                throw GatewayRefusal.outOfScope("Access key " + key.accessKeyId() + " may not call contract "
                        + invocation.contract() + " (its contracts: " + String.join(", ", key.contracts()) + ")");
            }
            if (!key.allowsFunction(invocation.contract(), invocation.function())) {
                throw GatewayRefusal.outOfScope("Access key " + key.accessKeyId() + " may not call "
                        + invocation.contract() + "." + invocation.function() + " (its functions: "
                        + String.join(", ", key.functions()) + ")");
            }
            if (invocation.submitted() && QueryFunctions.isQuery(invocation.contract(), invocation.function())) {
                throw queryRefusal(invocation);
            }
        }
        ChannelRecord channel = channels.ofConsortium(application.consortiumId()).stream()
                .filter(c -> c.name().equals(channelName)).findFirst()
                .orElseThrow(() -> PlatformException.notFound("Channel", channelName));
        long organization = application.organizationId();
        if (!channel.organizationIds().contains(organization)) {
            throw GatewayRefusal.outOfScope("Application " + application.name() + "'s organisation is not in channel "
                    + channelName);
        }
        if (!"ACTIVE".equals(channel.status())) {
            throw PlatformException.conflict("Channel " + channelName + " is " + channel.status());
        }
        HashFunction hash = consortia.get(application.consortiumId()).requireNetworkNotStopped().signatureScheme()
                .scheme().hash();
        Identity identity = identityOf(application);
        List<NodeRecord> endpoints = new ArrayList<>(channels.peers(channel));
        endpoints.sort(Comparator.comparing(n -> n.organizationId() == organization ? 0 : 1));
        try (GatewayPool.Lease lease = clients.lease(application.consortiumId(), organization, identity, endpoints)) {
            return lease.call(gateway -> {
                Channel open = gateway.channel(channelName);
                refuseDeclaredQueries(application.consortiumId(), open, invocations);
                return work.apply(new Scoped(open, hash, application));
            });
        } catch (GatewayException e) {
            throw NodeRefusals.of(e, channelName);
        }
    }

    /**
     * Refuses, before anything is sent, a submitted call of a user contract function that the manifest of the
     * code in force declares a query, as for a built-in's query. Only the channel knows which code is in force,
     * so this is asked once the channel is open.
     */
    private void refuseDeclaredQueries(long consortiumId, Channel channel, List<Invocation> invocations) {
        java.util.Set<Invocation> asked = new java.util.HashSet<>();
        for (Invocation invocation : invocations) {
            if (invocation.submitted() && !QueryFunctions.isBuiltIn(invocation.contract()) && asked.add(invocation)
                    && lifecycle.declaresQuery(consortiumId, channel, invocation.contract(), invocation.function())) {
                throw queryRefusal(invocation);
            }
        }
    }

    /**
     * Refuses the read of a recorded transaction of a contract outside the key's scope: its receipt holds the
     * call's arguments and result, the contract's data, which the key may not read by calling the contract
     * either. Worded as a call out of scope is, naming the contract.
     */
    static void requireReadable(AccessKey key, String transactionId, String contract) {
        if (!key.allowsContract(contract)) {
            throw GatewayRefusal.outOfScope("Access key " + key.accessKeyId() + " may not read transaction "
                    + transactionId + ": it calls contract " + (contract.isEmpty() ? "''" : contract)
                    + " (its contracts: " + String.join(", ", key.contracts()) + ")");
        }
    }

    private static GatewayRefusal queryRefusal(Invocation invocation) {
        return GatewayRefusal.outOfScope(invocation.contract() + "." + invocation.function() + " is a query: "
                + "evaluate it with POST .../evaluate; submitted as a transaction it would only add a block "
                + "that changes nothing");
    }

    /**
     * The application's custodial identity: the opened one while custody still holds its
     * certificate; otherwise (revoked, renewed, or never opened) the one custody has now, which
     * for a revoked certificate is a new one issued on this call, as for a user.
     */
    private Identity identityOf(Application application) {
        java.util.Optional<String> inUse = custody.certificateInUse(application.consortiumId(),
                application.organizationId(), KeyPurpose.USER, application.identitySubject());
        Opened opened = identities.get(application.id());
        if (opened != null && inUse.isPresent() && inUse.get().equals(opened.certificatePem())) {
            return opened.identity();
        }
        Identity identity = custody.userIdentity(application.consortiumId(), application.organizationId(),
                application.identitySubject());
        identities.put(application.id(), new Opened(Pem.write(identity.certificate()), identity));
        return identity;
    }
}

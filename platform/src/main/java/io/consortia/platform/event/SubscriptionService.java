package io.consortia.platform.event;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.NodeRefusals;
import io.consortia.platform.gateway.AccessKey;
import io.consortia.platform.gateway.Application;
import io.consortia.platform.gateway.ApplicationService;
import io.consortia.platform.gateway.GatewayAccess;
import io.consortia.platform.gateway.GatewayPolicy;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.WebhookDestinations;
import io.consortia.sdk.GatewayException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Subscriptions of applications: created, paused, resumed and deleted by the organisation's
 * admins or by the application itself through the gateway (with a key whose scope covers the
 * channel and contract). Every input is checked before anything is stored.
 */
@Service
class SubscriptionService {
    static final int MAX_PER_APPLICATION = 50;
    static final int MAX_EVENT_NAMES = 20;
    /** How lastError begins when the platform paused a subscription whose organisation lost the channel. */
    static final String PAUSED_BY_PLATFORM = "Paused by the platform: ";
    private static final String NAME = "[A-Za-z0-9._:-]{1,64}";
    private static final String EVENT_NAME = "[^,\\s]{1,128}";
    private final SubscriptionRepository repository;
    private final ApplicationService applications;
    private final ChannelService channels;
    private final BlockSource blocks;
    private final EventAccess access;
    private final WebhookDestinations destinations;

    SubscriptionService(SubscriptionRepository repository, ApplicationService applications, ChannelService channels,
            BlockSource blocks, EventAccess access, WebhookDestinations destinations) {
        this.repository = repository;
        this.applications = applications;
        this.channels = channels;
        this.blocks = blocks;
        this.access = access;
        this.destinations = destinations;
    }

    /** What a subscription asks for, as the API takes it. */
    record Request(String channel, String kind, String contract, List<String> eventNames, String url, Long fromBlock,
            String signingAccessKeyId) {}

    /** A checked filter on a channel the application may read, where to start, and the first event. */
    record Checked(ChannelRecord channel, EventFilter filter, long fromBlock) {}

    // ---- by the organisation's admins (console and /api) ------------------------------------------------

    Subscription create(Caller caller, long organizationId, long applicationId, Request request) {
        Application application = manageable(caller, organizationId, applicationId);
        requireBody(request);
        InvalidFields invalid = new InvalidFields();
        Optional<AccessKey> signing = signingKey(application, request.signingAccessKeyId(), invalid);
        return create(application, null, signing, request, caller.username(), invalid);
    }

    List<Subscription> list(Caller caller, long organizationId, long applicationId) {
        return repository.ofApplication(applications.application(caller, organizationId, applicationId).id());
    }

    Subscription get(Caller caller, long organizationId, long applicationId, long subscriptionId) {
        return owned(applications.application(caller, organizationId, applicationId), subscriptionId);
    }

    List<Delivery> deliveries(Caller caller, long organizationId, long applicationId, long subscriptionId, int limit) {
        return repository.deliveries(get(caller, organizationId, applicationId, subscriptionId).id(), limit);
    }

    Subscription status(Caller caller, long organizationId, long applicationId, long subscriptionId, String status) {
        Application application = manageable(caller, organizationId, applicationId);
        Subscription subscription = owned(application, subscriptionId);
        if ("ACTIVE".equals(status)) {
            // resuming would only be paused again at the next round; say so now
            access.membershipLost(application, subscription.channelId()).ifPresent(reason -> {
                throw PlatformException.conflict("Cannot resume subscription " + subscriptionId + ": " + reason);
            });
        }
        repository.status(subscription.id(), status);
        noted(subscription);
        AuditNotes.note("subscriptionStatus", status);
        return repository.get(subscription.id()).orElseThrow();
    }

    void delete(Caller caller, long organizationId, long applicationId, long subscriptionId) {
        Subscription subscription = owned(manageable(caller, organizationId, applicationId), subscriptionId);
        repository.delete(subscription.id());
        noted(subscription);
    }

    // ---- by the application, through the gateway ---------------------------------------------------------

    Subscription create(AccessKey key, Request request) {
        requireBody(request);
        InvalidFields invalid = new InvalidFields();
        if (request.signingAccessKeyId() != null && !request.signingAccessKeyId().equals(key.accessKeyId())) {
            invalid.add("signingAccessKeyId", "must be left out: through the gateway, webhooks are signed with the "
                    + "calling key");
        }
        return create(applications.applicationOf(key), key, Optional.of(key), request, key.accessKeyId(), invalid);
    }

    /** The application's subscriptions this key could have made: those of other channels or contracts stay hidden. */
    List<Subscription> list(AccessKey key) {
        return repository.ofApplication(key.applicationId()).stream().filter(s -> SubscriptionScope.covers(key, s))
                .toList();
    }

    /**
     * One subscription of the key's application within the key's scope. Outside it, the answer is
     * the same 404 as for an id the application does not have, as the listing leaves it out: a
     * narrowly scoped key (a partner's, a reporting tool's) neither reads nor deletes another
     * channel's feed, and learns nothing of it.
     */
    Subscription get(AccessKey key, long subscriptionId) {
        Subscription subscription = owned(applications.applicationOf(key), subscriptionId);
        if (!SubscriptionScope.covers(key, subscription)) {
            throw PlatformException.notFound("Subscription", subscriptionId);
        }
        return subscription;
    }

    List<Delivery> deliveries(AccessKey key, long subscriptionId, int limit) {
        return repository.deliveries(get(key, subscriptionId).id(), limit);
    }

    void delete(AccessKey key, long subscriptionId) {
        Subscription subscription = get(key, subscriptionId);
        repository.delete(subscription.id());
        noted(subscription);
    }

    /** The signing key's public id, for views. */
    String accessKeyIdOf(Subscription subscription) {
        return signingKey(applications.keysOf(subscription.applicationId()), subscription, System.currentTimeMillis())
                .map(AccessKey::accessKeyId).orElse("");
    }

    /**
     * The key that signs the subscription's deliveries now: the one it was made with while that is
     * active, else the application's newest active one; what a view shows is what a receiver must check.
     */
    static java.util.Optional<AccessKey> signingKey(List<AccessKey> keys, Subscription subscription, long now) {
        return keys.stream().filter(k -> k.id() == subscription.signingKeyId() && "ACTIVE".equals(k.status(now)))
                .findFirst().or(() -> activeKey(keys, now));
    }

    // ---- shared checks -----------------------------------------------------------------------------------

    private static void requireBody(Request request) {
        if (request == null) {
            throw PlatformException.invalid("The body must be a subscription: channel, kind, url, ...");
        }
    }

    /** {@code invalid} holds what the caller found wrong already; every field is checked before one answer. */
    private Subscription create(Application application, AccessKey scope, Optional<AccessKey> signingKey,
            Request request, String createdBy, InvalidFields invalid) {
        String url = url(request.url(), invalid);
        Checked checked = check(application, scope, request.channel(), request.kind(), request.contract(),
                request.eventNames(), request.fromBlock(), "eventNames", invalid);
        // empty here only when no key was named (a wrong one was refused with the fields) and none is active
        AccessKey signing = signingKey.orElseThrow(() -> PlatformException.conflict("Application "
                + application.name() + " has no active access key to sign webhooks with; issue one first"));
        if (repository.ofApplication(application.id()).size() >= MAX_PER_APPLICATION) {
            throw PlatformException.conflict("Application " + application.name() + " already has "
                    + MAX_PER_APPLICATION + " subscriptions; delete one first");
        }
        long id = repository.insert(application.id(), checked.channel().id(), checked.filter().kind(),
                checked.filter().contract(), checked.filter().eventNames(), url, signing.id(), checked.fromBlock(),
                createdBy, System.currentTimeMillis());
        Subscription created = repository.get(id).orElseThrow();
        noted(created);
        return created;
    }

    /**
     * The audit record's facts of a subscription. Of its URL only the host: a receiver's path and query often
     * carry a token of its own (and user-info a password), which the trail, read by auditors, must not hold.
     */
    private static void noted(Subscription subscription) {
        AuditNotes.note("subscription", subscription.id());
        AuditNotes.note("application", subscription.applicationId());
        AuditNotes.note("channel", subscription.channel());
        AuditNotes.note("eventKind", subscription.kind().name());
        // "" is every contract's feed: noted as no contract
        AuditNotes.note("contract", subscription.contract() == null || subscription.contract().isEmpty() ? null
                : subscription.contract());
        AuditNotes.note("urlHost", urlHost(subscription.url()));
    }

    static String urlHost(String url) {
        try {
            return new URI(url).getHost();
        } catch (URISyntaxException | RuntimeException e) {
            return null; // stored URLs were checked; an unreadable one notes no host rather than the whole URL
        }
    }

    /**
     * Checks a filter (for a subscription or a stream): the channel is one of the application's
     * organisation, the key (when given) covers it, and {@code fromBlock} (empty: now) is at most
     * the channel's height.
     */
    Checked check(Application application, AccessKey scope, String channelName, String kindName, String contract,
            List<String> eventNames, Long fromBlock) {
        // a stream's query names its event names "event"
        return check(application, scope, channelName, kindName, contract, eventNames, fromBlock, "event",
                new InvalidFields());
    }

    /**
     * As above. Every field problem is added to {@code invalid} (with what the caller found wrong before) and
     * refused together: those of the fields themselves, a channel the consortium does not have and a
     * {@code fromBlock} beyond the channel's height (both read, nothing written). Outside the key's scope
     * the channel is not looked up, so that the 403 says nothing of which channels exist; the 403s and 409
     * of the scope, the membership and the channel's status come after the fields are right.
     */
    private Checked check(Application application, AccessKey scope, String channelName, String kindName,
            String contract, List<String> eventNames, Long fromBlock, String eventNamesField, InvalidFields invalid) {
        EventKind kind = null;
        if (kindName == null || kindName.isBlank()) {
            invalid.add("kind", "is required: BLOCK, TX_STATUS or CONTRACT_EVENT");
        } else {
            try {
                kind = EventKind.valueOf(kindName.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                invalid.add("kind", "must be BLOCK, TX_STATUS or CONTRACT_EVENT, not " + kindName);
            }
        }
        String contractFilter = contract == null ? "" : contract.trim();
        if (!contractFilter.isEmpty() && !contractFilter.matches(NAME)) {
            invalid.add("contract", "must be 1-64 of A-Z, a-z, 0-9, '.', '_', ':', '-'");
        } else if (kind == EventKind.BLOCK && !contractFilter.isEmpty()) {
            invalid.add("contract", "filters TX_STATUS and CONTRACT_EVENT subscriptions; a BLOCK subscription "
                    + "receives every block");
        }
        List<String> names = eventNames == null ? List.of() : eventNames;
        if (!names.isEmpty() && kind != null && kind != EventKind.CONTRACT_EVENT) {
            invalid.add(eventNamesField, "filters CONTRACT_EVENT subscriptions only");
        } else if (names.size() > MAX_EVENT_NAMES || names.stream().anyMatch(n -> n == null || !n.matches(EVENT_NAME))) {
            invalid.add(eventNamesField, "must be at most " + MAX_EVENT_NAMES
                    + " names of 1-128 characters without commas or spaces");
        }
        if (channelName == null || channelName.isBlank()) {
            invalid.add("channel", "is required");
        }
        if (fromBlock != null && fromBlock < 0) {
            invalid.add("fromBlock", "must not be negative (leave it out to start from now)");
        }
        // a key is told nothing of a channel or contract outside its scope (a 403 below), so neither is looked at
        boolean named = channelName != null && !channelName.isBlank();
        boolean inScope = scope == null || named && scope.allowsChannel(channelName)
                && scope.allowsContract(SubscriptionScope.contractOf(kind, contractFilter));
        ChannelRecord channel = null;
        if (named && inScope) {
            channel = channels.ofConsortium(application.consortiumId()).stream()
                    .filter(c -> c.name().equals(channelName)).findFirst().orElse(null);
            if (channel == null) {
                invalid.add("channel", "is not a channel of the application's consortium");
            }
        }
        Height height = new Height();
        if (channel != null && fromBlock != null && fromBlock >= 0 && refusal(application, channel).isEmpty()
                && "ACTIVE".equals(channel.status())) {
            height.read(blocks, channel, application.organizationId());
            if (height.value != null && fromBlock > height.value) {
                invalid.add("fromBlock", "is beyond the channel's height " + height.value
                        + " (leave it out to start from now)");
            }
        }
        invalid.throwIfAny();
        if (scope != null) {
            if (!scope.allowsChannel(channelName)) {
                throw GatewayAccess.outOfScope("Access key " + scope.accessKeyId() + " may not use channel "
                        + channelName + " (its channels: " + String.join(", ", scope.channels()) + ")");
            }
            if (kind == EventKind.BLOCK && !scope.allowsContract("*")) {
                throw GatewayAccess.outOfScope("Access key " + scope.accessKeyId() + " may not subscribe to BLOCK"
                        + " events: they list the transactions of every contract, and its contracts are "
                        + String.join(", ", scope.contracts()) + " (subscribe to TX_STATUS or CONTRACT_EVENT of one"
                        + " of them)");
            }
            if (kind != EventKind.BLOCK && !scope.allowsContract(contractFilter.isEmpty() ? "*" : contractFilter)) {
                throw GatewayAccess.outOfScope("Access key " + scope.accessKeyId() + " may not read contract "
                        + (contractFilter.isEmpty() ? "'*' (name one)" : contractFilter) + " (its contracts: "
                        + String.join(", ", scope.contracts()) + ")");
            }
        }
        Optional<String> notMember = refusal(application, channel);
        if (notMember.isPresent()) {
            // refused as the gateway's own calls and the REST API refuse a channel the organisation is not in
            throw scope != null ? GatewayAccess.outOfScope(notMember.get()) : PlatformException.forbidden(
                    notMember.get());
        }
        if (!"ACTIVE".equals(channel.status())) {
            throw PlatformException.conflict("Channel " + channelName + " is " + channel.status());
        }
        if (height.value == null && height.failure == null) {
            height.read(blocks, channel, application.organizationId());
        }
        if (height.failure != null) {
            throw NodeRefusals.unavailable(height.failure, channelName);
        }
        return new Checked(channel, new EventFilter(kind, contractFilter, List.copyOf(names)),
                fromBlock == null ? height.value : fromBlock);
    }

    /** Why the application may not use the channel (its organisation is not, or no longer, in it), if it may not. */
    private Optional<String> refusal(Application application, ChannelRecord channel) {
        return channel.organizationIds().contains(application.organizationId())
                ? access.membershipLost(application, channel.id())
                : Optional.of("The application's organisation is not a member of channel " + channel.name());
    }

    /** A channel's height, read once: a node that does not answer is a 503 only once the fields are right. */
    private static final class Height {
        private Long value;
        private GatewayException failure;

        void read(BlockSource blocks, ChannelRecord channel, long organizationId) {
            try {
                value = blocks.height(channel, organizationId);
            } catch (GatewayException e) {
                failure = e;
            }
        }
    }

    /** The URL to POST to, or null with what is wrong with it added to {@code invalid}. */
    private String url(String url, InvalidFields invalid) {
        if (url == null || url.isBlank()) {
            invalid.add("url", "is required: where the webhooks are POSTed (http or https)");
            return null;
        }
        if (url.length() > 2000) {
            invalid.add("url", "must be at most 2000 characters");
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            invalid.add("url", "is not a valid URL: " + e.getReason());
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isEmpty()) {
            invalid.add("url", "must be an absolute http or https URL with a host, e.g. "
                    + "https://erp.example.com/consortia/events");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            invalid.add("url", "must not carry a user name or password: it is shown in the console; verify the "
                    + "webhook signature instead");
            return null;
        }
        if (uri.getRawFragment() != null) {
            invalid.add("url", "must not have a fragment (#...)");
            return null;
        }
        Optional<String> refused = destinations.refusal(uri);
        if (refused.isPresent()) {
            invalid.add("url", "must be an address webhooks are sent to: " + refused.get());
            return null;
        }
        return uri.toString();
    }

    private Application manageable(Caller caller, long organizationId, long applicationId) {
        Application application = applications.application(caller, organizationId, applicationId);
        if (!GatewayPolicy.canManage(caller, organizationId)) {
            throw PlatformException.forbidden("Only an admin of organisation " + organizationId
                    + " may manage its applications' subscriptions");
        }
        return application;
    }

    private Subscription owned(Application application, long subscriptionId) {
        return repository.get(subscriptionId).filter(s -> s.applicationId() == application.id())
                .orElseThrow(() -> PlatformException.notFound("Subscription", subscriptionId));
    }

    /**
     * The named key of the application (empty, with why added to {@code invalid}, when it cannot sign), or
     * without a name its newest active one.
     */
    private Optional<AccessKey> signingKey(Application application, String accessKeyId, InvalidFields invalid) {
        long now = System.currentTimeMillis();
        List<AccessKey> keys = applications.keysOf(application.id());
        if (accessKeyId != null && !accessKeyId.isBlank()) {
            Optional<AccessKey> key = keys.stream().filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst();
            if (key.isEmpty()) {
                invalid.add("signingAccessKeyId", accessKeyId + " is not a key of application " + application.name());
            } else if (!"ACTIVE".equals(key.get().status(now))) {
                invalid.add("signingAccessKeyId", accessKeyId + " is " + key.get().status(now));
                return Optional.empty();
            }
            return key;
        }
        return activeKey(keys, now);
    }

    static java.util.Optional<AccessKey> activeKey(List<AccessKey> keys, long now) {
        return keys.stream().filter(k -> "ACTIVE".equals(k.status(now))).max(Comparator.comparingLong(AccessKey::id));
    }
}

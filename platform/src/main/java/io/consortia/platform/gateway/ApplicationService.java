package io.consortia.platform.gateway;

import io.consortia.platform.certificate.CertificateService;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.SecretSeal;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.organization.OrganizationPolicy;
import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applications and their access keys, managed by the organisation's admins (read by its users,
 * the platform admin and auditors). Each application gets its own custodial USER certificate
 * from its organisation's CA, so what it submits is attributable to it on chain.
 */
@Service
public class ApplicationService {
    static final String NAME = "[a-z0-9][a-z0-9._-]{2,63}";
    /** Contract, function and channel names in a scope, or '*'. */
    private static final String SCOPE_ENTRY = "\\*|[A-Za-z0-9._:-]{1,64}";
    static final int MAX_RATE = 10_000;
    static final Duration MAX_VALIDITY = Duration.ofDays(3650);
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private final GatewayRepository repository;
    private final ConsortiumService consortia;
    private final CustodyService custody;
    private final SecretSeal seal;
    private final KeyChannels keyChannels;
    private final ApplicationEventPublisher events;
    private final CertificateService certificates;
    private final SecureRandom random = new SecureRandom();

    ApplicationService(GatewayRepository repository, ConsortiumService consortia, CustodyService custody,
            SecretSeal seal, KeyChannels keyChannels, ApplicationEventPublisher events, CertificateService certificates) {
        this.repository = repository;
        this.consortia = consortia;
        this.custody = custody;
        this.seal = seal;
        this.keyChannels = keyChannels;
        this.events = events;
        this.certificates = certificates;
    }

    /** An access key as issued: the only time its secret is shown. */
    public record IssuedKey(AccessKey key, String secretKey) {}

    @Transactional
    public Application register(Caller caller, long organizationId, Long consortiumId, String name,
            String description) {
        requireAdmin(caller, organizationId);
        // a consortium the caller may not see is 404 before the body's other fields are looked at: a 400 about
        // them for one consortium and a 404 for another would tell which consortia exist
        if (consortiumId != null) {
            consortia.requireVisible(caller, consortiumId);
        }
        InvalidFields invalid = new InvalidFields();
        if (consortiumId == null) {
            invalid.add("consortiumId", "is required");
        }
        if (name == null) {
            invalid.add("name", "is required");
        } else if (!name.matches(NAME)) {
            invalid.add("name", "must be 3-64 of a-z, 0-9, '.', '_', '-' starting with a letter or digit");
        }
        if (description != null && description.length() > 500) {
            invalid.add("description", "must be at most 500 characters");
        }
        invalid.throwIfAny();
        if (!consortia.isMember(consortiumId, organizationId)) {
            throw PlatformException.invalid("Organisation " + organizationId + " is not a member of consortium "
                    + consortiumId);
        }
        // ':' cannot occur in a username, so an application's certificate is never a person's
        String subject = "app:" + name;
        long id;
        try {
            id = repository.insertApplication(organizationId, consortiumId, name, description == null ? "" : description,
                    subject, caller.username(), System.currentTimeMillis());
        } catch (DuplicateKeyException e) {
            // also a deleted one's name: a new application under it would sign on chain as app:<name> again
            throw PlatformException.conflict("Application " + name + " already exists, or existed, in consortium "
                    + consortiumId);
        }
        custody.userIdentity(consortiumId, organizationId, subject);
        Application registered = repository.application(id).orElseThrow();
        noteApplication(registered);
        return registered;
    }

    public List<Application> applications(Caller caller, long organizationId) {
        OrganizationPolicy.requireReadPrivate(caller, organizationId);
        return repository.applicationsOf(organizationId);
    }

    public Application application(Caller caller, long organizationId, long applicationId) {
        OrganizationPolicy.requireReadPrivate(caller, organizationId);
        return repository.application(applicationId).filter(a -> a.organizationId() == organizationId)
                .orElseThrow(() -> PlatformException.notFound("Application", applicationId));
    }

    @Transactional
    public IssuedKey issue(Caller caller, long organizationId, long applicationId, List<String> channels,
            List<String> contracts, List<String> functions, Integer rateLimitPerSecond, Integer validDays) {
        requireAdmin(caller, organizationId);
        Application application = application(caller, organizationId, applicationId);
        // every field is checked (the channels against the consortium's, a read) before one answer names them all
        InvalidFields invalid = new InvalidFields();
        List<String> channelScope = scope("channels", channels, invalid);
        if (channelScope != null) {
            keyChannels.check(application, channelScope, invalid);
        }
        List<String> contractScope = scope("contracts", contracts, invalid);
        List<String> functionScope = scope("functions", functions, invalid);
        int rate = rateLimitPerSecond == null ? 50 : rateLimitPerSecond;
        if (rate < 1 || rate > MAX_RATE) {
            invalid.add("rateLimitPerSecond", "must be 1 to " + MAX_RATE);
        }
        int days = validDays == null ? 365 : validDays;
        if (days < 1 || days > MAX_VALIDITY.toDays()) {
            invalid.add("validDays", "must be 1 to " + MAX_VALIDITY.toDays());
        }
        invalid.throwIfAny();
        String accessKeyId = accessKeyId();
        String secret = secretKey();
        long now = System.currentTimeMillis();
        long id = repository.insertKey(application.id(), accessKeyId,
                seal.seal(secret.getBytes(StandardCharsets.UTF_8), sealContext(accessKeyId)), channelScope,
                contractScope, functionScope, rate, now + Duration.ofDays(days).toMillis(), caller.username(), now);
        AccessKey key = repository.keysOf(application.id()).stream().filter(k -> k.id() == id).findFirst().orElseThrow();
        noteApplication(application);
        AuditNotes.note("accessKey", accessKeyId); // its id only: the secret never goes into the trail
        AuditNotes.note("channels", channelScope);
        return new IssuedKey(key, secret);
    }

    public List<AccessKey> keys(Caller caller, long organizationId, long applicationId) {
        return repository.keysOf(application(caller, organizationId, applicationId).id());
    }

    @Transactional
    public AccessKey revoke(Caller caller, long organizationId, long applicationId, String accessKeyId) {
        requireAdmin(caller, organizationId);
        AccessKey key = keys(caller, organizationId, applicationId).stream()
                .filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst()
                .orElseThrow(() -> PlatformException.notFound("Access key", accessKeyId));
        if (!repository.revoke(key.id(), caller.username(), System.currentTimeMillis())) {
            throw PlatformException.conflict("Access key " + accessKeyId + " is already revoked");
        }
        noteApplication(application(caller, organizationId, applicationId));
        AuditNotes.note("accessKey", accessKeyId);
        AuditNotes.note("keyStatus", "REVOKED");
        return repository.keysOf(applicationId).stream().filter(k -> k.id() == key.id()).findFirst().orElseThrow();
    }

    /** Deletes the key: requests signed with it are refused as with an unknown key, and lists leave it out. */
    @Transactional
    public void deleteKey(Caller caller, long organizationId, long applicationId, String accessKeyId) {
        requireAdmin(caller, organizationId);
        AccessKey key = keys(caller, organizationId, applicationId).stream()
                .filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst()
                .orElseThrow(() -> PlatformException.notFound("Access key", accessKeyId));
        repository.deleteKey(key.id(), caller.username(), System.currentTimeMillis());
        noteApplication(application(caller, organizationId, applicationId));
        AuditNotes.note("accessKey", accessKeyId);
        AuditNotes.note("keyStatus", "DELETED");
    }

    private static void noteApplication(Application application) {
        AuditNotes.note("application", application.id());
        AuditNotes.note("applicationName", application.name());
        AuditNotes.note("organization", application.organizationId());
        AuditNotes.note("consortium", application.consortiumId());
    }

    /**
     * Deletes the application with its keys and (through {@link ApplicationDeleted}) its event subscriptions,
     * and revokes its certificate in custody in the same transaction: the deletion and the revocation happen
     * together or not at all. Returns the deleted application and what was revoked (empty: no certificate in use).
     */
    @Transactional
    public Deleted delete(Caller caller, long organizationId, long applicationId) {
        requireAdmin(caller, organizationId);
        Application application = application(caller, organizationId, applicationId);
        events.publishEvent(new ApplicationDeleted(application.id()));
        repository.deleteApplication(application.id(), caller.username(), System.currentTimeMillis());
        noteApplication(application);
        return new Deleted(application, certificates.revokeDeletedApplication(application.consortiumId(),
                application.organizationId(), application.identitySubject(), caller.username()));
    }

    /** A deleted application and its certificate revoked in custody, if it had one in use. */
    public record Deleted(Application application, java.util.Optional<String> revoked) {}

    /** The application an access key belongs to. */
    public Application applicationOf(AccessKey key) {
        return repository.application(key.applicationId()).orElseThrow();
    }

    /** An application by id, for the platform's own use (no caller: check access before). */
    public java.util.Optional<Application> applicationById(long applicationId) {
        return repository.application(applicationId);
    }

    /** An application's keys, for the platform's own use (no caller: check access before). */
    public List<AccessKey> keysOf(long applicationId) {
        return repository.keysOf(applicationId);
    }

    /**
     * A key's secret, opened from its seal, for signing what the platform sends to the
     * application (webhooks, docs/gateway-signing.md). Never log or return it.
     */
    public String openSecretKey(AccessKey key) {
        GatewayRepository.SealedKey sealed = repository.key(key.accessKeyId())
                .orElseThrow(() -> PlatformException.notFound("Access key", key.accessKeyId()));
        return new String(seal.open(sealed.sealedSecret(), sealContext(key.accessKeyId())), StandardCharsets.UTF_8);
    }

    /** Binds a sealed secret to its key, so it does not open on another row. */
    static String sealContext(String accessKeyId) {
        return "consortia-gateway:v1:" + accessKeyId;
    }

    private static void requireAdmin(Caller caller, long organizationId) {
        if (!GatewayPolicy.canManage(caller, organizationId)) {
            throw PlatformException.forbidden("Only an admin of organisation " + organizationId
                    + " may manage its applications and keys");
        }
    }

    /** The scope, distinct and sorted; null, with what is wrong added to {@code invalid}, when it is wrong. */
    private static List<String> scope(String field, List<String> entries, InvalidFields invalid) {
        if (entries == null || entries.isEmpty()) {
            invalid.add(field, "must name at least one entry, or '*' for any");
            return null;
        }
        if (entries.size() > 100) {
            invalid.add(field, "may name at most 100 entries");
            return null;
        }
        if (entries.stream().anyMatch(entry -> entry == null || !entry.matches(SCOPE_ENTRY))) {
            invalid.add(field, "entries must be '*' or 1-64 of A-Z, a-z, 0-9, '.', '_', ':', '-' (a function may be "
                    + "named contract.function)");
            return null;
        }
        return entries.stream().distinct().sorted().toList();
    }

    private String accessKeyId() {
        StringBuilder id = new StringBuilder("AK");
        for (int i = 0; i < 18; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    private String secretKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "cs_sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package io.consortia.platform.gateway;

import io.consortia.platform.certificate.CertificateService;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import org.springframework.stereotype.Service;

/**
 * Deletes an application and then puts its revoked certificate on chain, as deleting a node does: the
 * deletion (with the revocation in custody) is committed first, so a network that cannot take the
 * revocation now never keeps an application alive; the answer says when the channels do not refuse the
 * certificate yet.
 */
@Service
class ApplicationDeletions {
    private final ApplicationService applications;
    private final CertificateService certificates;

    ApplicationDeletions(ApplicationService applications, CertificateService certificates) {
        this.applications = applications;
        this.certificates = certificates;
    }

    /**
     * What a deletion did: the certificate revoked (null: none was in use), the operation putting it on
     * chain (null: not started) and, when it could not be started, why and how to do it later.
     */
    record Deletion(long applicationId, String certificate, Long revocationOperationId, String warning) {}

    Deletion delete(Caller caller, long organizationId, long applicationId) {
        ApplicationService.Deleted deleted = applications.delete(caller, organizationId, applicationId);
        Application application = deleted.application();
        if (deleted.revoked().isEmpty()) {
            return new Deletion(application.id(), null, null, null);
        }
        String revoked = deleted.revoked().get();
        try {
            Deployment operation = certificates.publishDeletedApplication(caller.username(),
                    application.consortiumId(), application.organizationId(), revoked);
            return new Deletion(application.id(), revoked, operation.id(), null);
        } catch (PlatformException e) {
            return new Deletion(application.id(), revoked, null, "Application " + application.name()
                    + " is deleted and its certificate revoked in custody, but the channels do not refuse it yet: "
                    + e.getMessage() + ". Put the revocation on chain with POST /api/v1/consortia/"
                    + application.consortiumId() + "/certificates/revocations/" + application.organizationId()
                    + "/publish");
        }
    }
}

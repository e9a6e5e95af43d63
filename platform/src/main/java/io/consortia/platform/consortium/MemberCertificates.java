package io.consortia.platform.consortium;

import io.consortia.crypto.Pem;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.organization.OrganizationCertificates;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** An organisation's certificates in custody, named by the consortium each was issued for. */
@Component
class MemberCertificates implements OrganizationCertificates {
    private static final Duration SOON = Duration.ofDays(30);
    private final CustodyService custody;
    private final ConsortiumService consortia;

    MemberCertificates(CustodyService custody, ConsortiumService consortia) {
        this.custody = custody;
        this.consortia = consortia;
    }

    @Override
    public List<Certificate> of(Caller caller, long organizationId) {
        Map<Long, String> consortiumNames = new HashMap<>();
        for (Consortium c : consortia.list(caller)) {
            consortiumNames.put(c.id(), c.name());
        }
        Instant soon = Instant.now().plus(SOON);
        return custody.keys(caller, organizationId).stream().map(k -> {
            Instant notAfter = Pem.readCertificate(k.certificatePem()).getNotAfter().toInstant();
            return new Certificate(consortiumNames.getOrDefault(k.consortiumId(), "#" + k.consortiumId()),
                    k.purpose().name(), k.subject(), notAfter, notAfter.isBefore(soon));
        }).toList();
    }
}

package io.consortia.platform.certificate;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.governance.ChannelConfigurator;
import io.consortia.platform.governance.ConfigChange;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.RevokedCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@link ChainRevocations} through the {@link ChannelConfigurator}: for each active channel the
 * organisation belongs to, one configuration change that adds the revoked certificates the
 * channel does not list yet, signed by the custodial admin identities of the channel's
 * organisations (the revoking organisation first) as the channel's policy requires. A channel
 * already listing them all is left alone, so a retry is safe.
 */
@Component
class ConfiguratorRevocations implements ChainRevocations {
    private final ChannelConfigurator configurator;
    private final ChannelService channels;
    private final OrganizationService organizations;

    ConfiguratorRevocations(ChannelConfigurator configurator, ChannelService channels,
            OrganizationService organizations) {
        this.configurator = configurator;
        this.channels = channels;
        this.organizations = organizations;
    }

    @Override
    public void apply(DeploymentSteps steps, long consortiumId, long organizationId, List<RevokedCertificate> revoked) {
        String organization = organizations.get(organizationId).name();
        List<ChannelRecord> affected = channels.ofConsortium(consortiumId).stream()
                .filter(c -> "ACTIVE".equals(c.status()) && c.organizationIds().contains(organizationId))
                .toList();
        if (affected.isEmpty() || revoked.isEmpty()) {
            steps.step(DeploymentTexts.PUT_REVOKED_OF.of(organization), null,
                    () -> revoked.isEmpty() ? DeploymentTexts.NONE_TO_LIST.of()
                            : DeploymentTexts.IN_NO_ACTIVE_CHANNEL.of(organization));
            return;
        }
        for (ChannelRecord channel : affected) {
            List<Long> signers = new ArrayList<>(List.of(organizationId));
            channel.organizationIds().stream().filter(id -> id != organizationId).forEach(signers::add);
            configurator.apply(new ChannelConfigurator.Request(consortiumId, channel.name(), channels.peers(channel),
                    change(organization, revoked), signers), steps);
        }
    }

    /** Lists every certificate of {@code revoked} in the organisation's revoked certificates (those listed stay). */
    static ConfigChange change(String organization, List<RevokedCertificate> revoked) {
        return ConfigChange.of(DeploymentTexts.LIST_REVOKED.of(revoked.size(), organization),
                config -> missing(config, organization, revoked).isEmpty(),
                config -> {
                    List<RevokedCertificate> added = missing(config, organization, revoked);
                    ChannelConfig.Builder next = config.toBuilder().clearOrganizations();
                    for (Organization o : config.getOrganizationsList()) {
                        next.addOrganizations(o.getName().equals(organization)
                                ? o.toBuilder().addAllRevoked(added).build() : o);
                    }
                    return next.build();
                });
    }

    private static List<RevokedCertificate> missing(ChannelConfig config, String organization,
            List<RevokedCertificate> revoked) {
        Set<com.google.protobuf.ByteString> listed = config.getOrganizationsList().stream()
                .filter(o -> o.getName().equals(organization))
                .flatMap(o -> o.getRevokedList().stream())
                .map(RevokedCertificate::getSerialNumber)
                .collect(Collectors.toSet());
        return revoked.stream().filter(r -> !listed.contains(r.getSerialNumber())).toList();
    }
}

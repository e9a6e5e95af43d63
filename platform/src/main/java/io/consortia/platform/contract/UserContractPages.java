package io.consortia.platform.contract;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.web.ConsolePage;
import io.consortia.platform.organization.Organization;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * User contracts in the browser: the repository (upload, review), the store (install an example),
 * a channel's contracts with the approvals waiting for the caller's organisation, and one contract's
 * lifecycle with a call form built from its manifest. Every button calls the REST API.
 */
@ConsolePage
class UserContractPages {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final ChannelService channels;
    private final ContractPackageService packages;
    private final ContractStore store;
    private final LifecycleService lifecycle;

    UserContractPages(CurrentUser currentUser, ConsortiumService consortia, ChannelService channels,
            ContractPackageService packages, ContractStore store, LifecycleService lifecycle) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.channels = channels;
        this.packages = packages;
        this.store = store;
        this.lifecycle = lifecycle;
    }

    @GetMapping("/console/consortia/{id}/contract-repository")
    String repository(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        boolean member = caller.organizationId() != null && consortia.isMember(id, caller.organizationId());
        model.addAttribute("consortium", consortium);
        model.addAttribute("packages", packages.list(caller, id));
        model.addAttribute("canUpload", member);
        model.addAttribute("canReview", ContractPolicy.canReview(caller, member));
        // the uploader is not offered Mark reviewed on their own version (the API refuses it)
        model.addAttribute("reviewer", caller.username());
        return "console/contract-repository";
    }

    @GetMapping("/console/consortia/{id}/contract-store")
    String store(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        model.addAttribute("consortium", consortia.requireVisible(caller, id));
        model.addAttribute("templates", store.templates());
        model.addAttribute("channels", mine(caller, id));
        model.addAttribute("canInstall", ContractPolicy.canInstall(caller));
        return "console/contract-store";
    }

    @GetMapping("/console/consortia/{id}/user-contracts")
    String contracts(@PathVariable long id, @RequestParam(required = false) String channel, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        List<ChannelRecord> usable = channels.list(caller, id).stream().filter(c -> "ACTIVE".equals(c.status()))
                .filter(c -> ContractPolicy.canRead(caller, c)).toList();
        ChannelRecord shown = usable.stream().filter(c -> c.name().equals(channel)).findFirst()
                .orElse(usable.isEmpty() ? null : usable.get(0));
        model.addAttribute("consortium", consortium);
        model.addAttribute("channels", usable);
        model.addAttribute("channel", shown == null ? null : shown.name());
        boolean admin = shown != null && ContractPolicy.canManageLifecycle(caller, shown);
        model.addAttribute("isAdmin", admin);
        List<LifecycleViews.Committed> committed = shown == null ? List.of() : definitions(caller, id, shown.name(), model);
        List<ContractPackage> reviewed = packages.list(caller, id).stream().filter(ContractPackage::reviewed).toList();
        List<ContractPackage> proposable = proposable(reviewed, committed);
        model.addAttribute("reviewed", proposable);
        model.addAttribute("allCommitted", !reviewed.isEmpty() && proposable.isEmpty());
        model.addAttribute("waiting", caller.organizationId() == null ? List.of() : lifecycle.waitingFor(caller, id));
        model.addAttribute("definitions", committed);
        model.addAttribute("inProgress", shown == null ? List.of() : inProgress(caller, id, shown.name(), model));
        model.addAttribute("myOrganization", organizationName(caller, id).orElse(null));
        return "console/user-contracts";
    }

    @GetMapping("/console/consortia/{id}/user-contracts/{channel}/{name}")
    String contract(@PathVariable long id, @PathVariable String channel, @PathVariable String name, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        ChannelRecord shown = channels.require(id, channel);
        model.addAttribute("consortium", consortium);
        model.addAttribute("channel", channel);
        LifecycleService.ContractDetail detail = lifecycle.contract(caller, id, channel, name);
        model.addAttribute("detail", detail);
        model.addAttribute("approvedByMe", approvedBy(caller, id, detail));
        model.addAttribute("declinedByMe", declinedBy(caller, id, detail));
        model.addAttribute("isAdmin", ContractPolicy.canManageLifecycle(caller, shown));
        model.addAttribute("canCall", ContractPolicy.canSubmit(caller, shown));
        model.addAttribute("versions", upgradeTargets(packages.list(caller, id), name, detail.packageId()));
        return "console/user-contract";
    }

    /**
     * The reviewed versions a first proposal on the channel may choose: not those of a contract already
     * committed there, which the API refuses with 409 (propose an upgrade instead, from the contract's page).
     */
    static List<ContractPackage> proposable(List<ContractPackage> reviewed, List<LifecycleViews.Committed> committed) {
        Set<String> names = committed.stream().map(c -> c.definition().name()).collect(java.util.stream.Collectors.toSet());
        return reviewed.stream().filter(p -> !names.contains(p.name())).toList();
    }

    /** The reviewed versions of the contract an upgrade may propose: not the one in force, which the API refuses. */
    static List<ContractPackage> upgradeTargets(List<ContractPackage> packages, String name, Long inForce) {
        return packages.stream().filter(p -> p.name().equals(name) && p.reviewed())
                .filter(p -> inForce == null || p.id() != inForce).toList();
    }

    /**
     * The digests of the proposals the caller's organisation approved: the page offers Approve on
     * the others only, as the API refuses a second approval (LIFECYCLE_ALREADY_APPROVED).
     */
    private Set<String> approvedBy(Caller caller, long id, LifecycleService.ContractDetail detail) {
        if (caller.organizationId() == null) {
            return Set.of();
        }
        Optional<String> mine = organizationName(caller, id);
        return detail.proposals().stream()
                .filter(p -> p.approvals().stream().anyMatch(a -> mine.isPresent() && a.organization().equals(mine.get())))
                .map(LifecycleViews.Proposal::digest).collect(Collectors.toSet());
    }

    /** The digests of the proposals the caller's organisation declined: the page offers Decline on the others only. */
    private Set<String> declinedBy(Caller caller, long id, LifecycleService.ContractDetail detail) {
        Optional<String> mine = organizationName(caller, id);
        if (mine.isEmpty()) {
            return Set.of();
        }
        return detail.proposals().stream()
                .filter(p -> p.declines().stream().anyMatch(d -> d.organization().equals(mine.get())))
                .map(LifecycleViews.Proposal::digest).collect(Collectors.toSet());
    }

    private Optional<String> organizationName(Caller caller, long id) {
        if (caller.organizationId() == null) {
            return Optional.empty();
        }
        return consortia.members(id).stream().filter(o -> o.id() == caller.organizationId())
                .map(Organization::name).findFirst();
    }

    /** The channel's proposals in progress; a channel whose nodes do not answer shows its problem, as below. */
    private List<LifecycleViews.Proposal> inProgress(Caller caller, long id, String channel, Model model) {
        return orUnavailable(() -> lifecycle.inProgress(caller, id, channel), model);
    }

    /** The channel's committed contracts; a channel whose nodes do not answer shows its problem, not an error page. */
    private List<LifecycleViews.Committed> definitions(Caller caller, long id, String channel, Model model) {
        return orUnavailable(() -> lifecycle.definitions(caller, id, channel), model);
    }

    private static <T> List<T> orUnavailable(java.util.function.Supplier<List<T>> read, Model model) {
        try {
            return read.get();
        } catch (PlatformException e) {
            model.addAttribute("unavailable", e.getMessage());
            return List.of();
        }
    }

    private List<ChannelRecord> mine(Caller caller, long id) {
        return channels.list(caller, id).stream().filter(c -> "ACTIVE".equals(c.status()))
                .filter(c -> ContractPolicy.canSubmit(caller, c)).toList();
    }
}

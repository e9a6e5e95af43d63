package io.consortia.platform.audit;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.web.ConsolePage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Audit search (审计): filters, newest records first, export links; the verify walk and anchors for auditors. */
@ConsolePage
class AuditPages {
    private static final int PAGE = 100;
    private final CurrentUser currentUser;
    private final AuditService audit;
    private final OrganizationService organizations;

    AuditPages(CurrentUser currentUser, AuditService audit, OrganizationService organizations) {
        this.currentUser = currentUser;
        this.audit = audit;
        this.organizations = organizations;
    }

    @GetMapping("/console/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String target, @RequestParam(required = false) AuditQuery.Result result,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long before, @RequestParam(defaultValue = "false") boolean verify,
            Model model) {
        Caller caller = currentUser.get();
        if (!AuditPolicy.canSearch(caller)) {
            throw PlatformException.forbidden("The audit trail is for auditors, platform admins and organisation admins");
        }
        Instant fromInstant = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant toInstant = to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        AuditQuery query = new AuditQuery(blankToNull(actor), null, blankToNull(action), blankToNull(target),
                fromInstant, toInstant, result, null, before);
        List<AuditController.AuditView> records = audit.search(caller, query, PAGE).stream()
                .map(AuditController.AuditView::of).toList();
        boolean seesAll = AuditPolicy.seesAll(caller);
        model.addAttribute("records", records);
        // records keep the organisation's id (names may change); people read its name
        model.addAttribute("organizationNames", organizations.names());
        model.addAttribute("seesAll", seesAll);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("target", target);
        model.addAttribute("result", result);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        // the exports hold exactly what the page shows: the same filters, the days as the instants searched
        model.addAttribute("exportFrom", fromInstant);
        model.addAttribute("exportTo", toInstant);
        model.addAttribute("older", records.size() == PAGE ? records.get(records.size() - 1).sequence() : null);
        model.addAttribute("verification", seesAll && verify ? audit.verify(caller) : null);
        model.addAttribute("anchors", seesAll ? audit.anchors(caller, 10) : List.of());
        return "console/audit";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package io.consortia.platform.alert;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Alerts tab: active (open and acknowledged) and resolved alerts, the rules with whether each
 * could be evaluated, notification channels and the delivery history.
 */
@ConsolePage
class AlertPages {
    private static final int RESOLVED_SHOWN = 50;
    private static final int DELIVERIES_SHOWN = 30;
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final AlertService alerts;
    private final AlertProperties properties;

    AlertPages(CurrentUser currentUser, ConsortiumService consortia, AlertService alerts, AlertProperties properties) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.alerts = alerts;
        this.properties = properties;
    }

    @GetMapping("/console/consortia/{id}/alerts")
    String alerts(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        List<Alert> all = alerts.alerts(caller, id, null);
        model.addAttribute("consortium", consortium);
        model.addAttribute("active", all.stream().filter(a -> !a.resolved()).toList());
        model.addAttribute("resolved", all.stream().filter(Alert::resolved).limit(RESOLVED_SHOWN).toList());
        model.addAttribute("rules", alerts.rules(caller, id));
        model.addAttribute("channels", alerts.channels(caller, id));
        model.addAttribute("deliveries", alerts.deliveries(caller, id, null).stream().limit(DELIVERIES_SHOWN).toList());
        model.addAttribute("kinds", RuleKind.values());
        model.addAttribute("canManage", alerts.canManage(caller, id));
        model.addAttribute("mailConfigured", properties.mail().configured());
        return "console/alerts";
    }
}

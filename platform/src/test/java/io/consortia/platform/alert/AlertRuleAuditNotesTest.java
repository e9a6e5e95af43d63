package io.consortia.platform.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.NotedRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An alert rule's audit record says which rule with which settings was created, changed or deleted. */
class AlertRuleAuditNotesTest {
    @RegisterExtension
    final NotedRequest noted = new NotedRequest("DELETE", "/api/v1/x");
    private final AlertService alerts = mock(AlertService.class);
    private final CurrentUser currentUser = mock(CurrentUser.class);
    private final Caller admin = Callers.of(Callers.Role.ORGANIZATION_ADMIN, 2L);
    private final AlertController controller = new AlertController(alerts, currentUser);
    private final AlertRule rule = new AlertRule(9, 1, RuleKind.NODE_DOWN, 3, 60, 30, true, "zhao", 0, null, null);

    @BeforeEach
    void bind() {
        when(currentUser.get()).thenReturn(admin);
    }

    @Test
    void a_created_or_changed_rule_notes_its_kind_and_settings() {
        when(alerts.updateRule(admin, 1, 9, null)).thenReturn(rule);
        controller.updateRule(1, 9, null);
        assertThat(noted.notes()).isEqualTo(" rule=\"9\" ruleKind=\"NODE_DOWN\" threshold=\"3\" windowSeconds=\"60\""
                + " forSeconds=\"30\" enabled=\"true\"");
    }

    @Test
    void a_deleted_rule_notes_what_it_was() {
        when(alerts.rules(admin, 1)).thenReturn(List.of(rule));
        controller.deleteRule(1, 9, noted.request());
        assertThat(noted.notes()).contains("rule=\"9\" ruleKind=\"NODE_DOWN\" threshold=\"3\"");
    }
}

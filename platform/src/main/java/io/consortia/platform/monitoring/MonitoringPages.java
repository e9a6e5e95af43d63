package io.consortia.platform.monitoring;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.TimeParameter;
import io.consortia.platform.web.ConsolePage;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Monitoring tab (a channel's and a node's charts, drawn in the browser from the series API)
 * and the log search across the consortium's nodes.
 */
@ConsolePage
class MonitoringPages {
    /** The windows offered, in minutes, as far as the history kept reaches. */
    static final List<Integer> WINDOWS = List.of(5, 15, 30, 60, 180, 360, 720, 1440);
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final MonitoringService monitoring;
    private final LogSearch logs;

    MonitoringPages(CurrentUser currentUser, ConsortiumService consortia, MonitoringService monitoring,
            LogSearch logs) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.monitoring = monitoring;
        this.logs = logs;
    }

    @GetMapping("/console/consortia/{id}/monitoring")
    String monitoring(@PathVariable long id, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String node, @RequestParam(defaultValue = "15") int minutes, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        MonitoringService.Overview overview = monitoring.overview(caller, id);
        int window = WINDOWS.contains(minutes) && minutes <= overview.retentionMinutes() ? minutes : 15;
        String chosenChannel = channel != null && overview.channels().contains(channel) ? channel
                : overview.channels().stream().findFirst().orElse(null);
        String chosenNode = overview.nodes().stream().map(MonitoringService.NodeState::nodeId)
                .filter(n -> n.equals(node)).findFirst()
                .orElse(overview.nodes().stream().map(MonitoringService.NodeState::nodeId).findFirst().orElse(null));
        model.addAttribute("consortium", consortium);
        model.addAttribute("overview", overview);
        model.addAttribute("channel", chosenChannel);
        model.addAttribute("node", chosenNode);
        model.addAttribute("minutes", window);
        model.addAttribute("windows", WINDOWS.stream().filter(w -> w <= overview.retentionMinutes()).toList());
        model.addAttribute("logReadable", logs.readableNodes(caller, id));
        return "console/monitoring";
    }

    @GetMapping("/console/consortia/{id}/logs")
    String logs(@PathVariable long id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String q,
            @RequestParam(required = false) String node, Model model, HttpServletResponse response) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        boolean searched = from != null || to != null || q != null || node != null;
        model.addAttribute("consortium", consortium);
        // the nodes whose log the caller may read: another organisation's would only answer 403
        Set<String> readable = logs.readableNodes(caller, id);
        model.addAttribute("nodes", monitoring.overview(caller, id).nodes().stream()
                .filter(n -> readable.contains(n.nodeId())).toList());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("q", q);
        model.addAttribute("node", node);
        // A wrong range is the reader's slip, not an error page: the form again, filled in, with a
        // message next to the times (it replaced the whole page, in English, found by a tester).
        String timeProblem = timeProblem(from, to);
        model.addAttribute("timeProblem", timeProblem);
        if (timeProblem != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("result", null);
            return "console/log-search";
        }
        model.addAttribute("result", searched ? logs.search(caller, id, new LogSearch.Query(
                TimeParameter.instant("from", from), TimeParameter.instant("to", to), q,
                node == null || node.isBlank() ? Set.of() : Set.of(node), 200)) : null);
        return "console/log-search";
    }

    /**
     * The message key for what is wrong with the search's time range, null when nothing: a time
     * that is not one, or a From not before To (as {@link LogSearch} refuses it).
     */
    static String timeProblem(String from, String to) {
        Instant start;
        Instant end;
        try {
            start = TimeParameter.instant("from", from);
        } catch (PlatformException notATime) {
            return "logsearch.badFrom";
        }
        try {
            end = TimeParameter.instant("to", to);
        } catch (PlatformException notATime) {
            return "logsearch.badTo";
        }
        return start != null && end != null && !start.isBefore(end) ? "logsearch.fromNotBeforeTo" : null;
    }
}

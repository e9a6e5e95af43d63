package io.consortia.platform.monitoring;

import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.TimeParameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/consortia/{id}")
@Tag(name = "Monitoring")
class MonitoringController {
    private final MonitoringService monitoring;
    private final LogSearch logs;
    private final CurrentUser currentUser;

    MonitoringController(MonitoringService monitoring, LogSearch logs, CurrentUser currentUser) {
        this.monitoring = monitoring;
        this.logs = logs;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Each node's newest metrics sample (up, heights, resources) and the channels they serve")
    @GetMapping("/monitoring")
    MonitoringService.Overview overview(@PathVariable long id) {
        return monitoring.overview(currentUser.get(), id);
    }

    @Operation(summary = "A node's series over the last minutes: height, tx/s, block time, commit latency and "
            + "leader changes per channel; CPU cores, memory, disk used and free")
    @GetMapping("/monitoring/nodes/{nodeId}")
    MonitoringService.NodeSeries node(@PathVariable long id, @PathVariable String nodeId,
            @RequestParam(defaultValue = "60") int minutes) {
        return monitoring.node(currentUser.get(), id, nodeId, minutes);
    }

    @Operation(summary = "A channel's series over the last minutes: height per node, tx/s, block time, commit "
            + "latency, leader changes")
    @GetMapping("/monitoring/channels/{channel}")
    MonitoringService.ChannelSeries channel(@PathVariable long id, @PathVariable String channel,
            @RequestParam(defaultValue = "60") int minutes) {
        return monitoring.channel(currentUser.get(), id, channel, minutes);
    }

    @Operation(summary = "Search the logs of the consortium's nodes by time range (ISO-8601, e.g. "
            + "2026-12-02T21:00:00Z; without an offset: UTC) and text; the newest matching entries first "
            + "in time order")
    @GetMapping("/logs")
    LogSearch.Result searchLogs(@PathVariable long id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String q,
            @RequestParam(required = false) List<String> node, @RequestParam(required = false) Integer limit) {
        return logs.search(currentUser.get(), id, new LogSearch.Query(TimeParameter.instant("from", from),
                TimeParameter.instant("to", to), q,
                node == null ? Set.of() : Set.copyOf(node), limit == null ? logs.maxResults() : limit));
    }
}

package io.consortia.platform.explorer;

import io.consortia.platform.channel.ChannelPolicy;
import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.NodePolicy;
import io.consortia.platform.explorer.ExplorerViews.SearchHit;
import io.consortia.platform.explorer.ExplorerViews.SearchResult;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/** Consortium overview and the explorer: latest blocks and transactions, search, block and transaction detail. */
@ConsolePage
class ExplorerPages {
    private static final int PAGE_SIZE = 10;
    private final CurrentUser currentUser;
    private final ExplorerService explorer;
    private final ConsortiumService consortia;
    private final ChannelService channels;
    private final Activity activity;

    ExplorerPages(CurrentUser currentUser, ExplorerService explorer, ConsortiumService consortia,
            ChannelService channels, Activity activity) {
        this.currentUser = currentUser;
        this.explorer = explorer;
        this.consortia = consortia;
        this.channels = channels;
        this.activity = activity;
    }

    @GetMapping("/console/consortia/{id}")
    String overview(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        model.addAttribute("consortium", consortium);
        model.addAttribute("overview", explorer.overview(caller, id));
        model.addAttribute("leader", NodePolicy.canRunNetwork(caller, consortium));
        model.addAttribute("mayDeleteConsortium", NodePolicy.canDeleteConsortium(caller, consortium));
        model.addAttribute("series", activity.lastHour(channels.ofConsortium(id)).json());
        return "console/overview";
    }

    @GetMapping("/console/consortia/{id}/explorer")
    String explorer(@PathVariable long id, @RequestParam(required = false) String channel,
            @RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String fragment, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        List<ChannelRecord> readable = channels.list(caller, id).stream()
                .filter(c -> ChannelPolicy.canRead(caller, c))
                .toList();
        model.addAttribute("consortium", consortium);
        model.addAttribute("channels", readable);
        if (!readable.isEmpty()) {
            String shown = channel == null ? readable.get(0).name() : channel;
            model.addAttribute("channel", shown);
            model.addAttribute("blocks", explorer.blocks(caller, id, shown, page, PAGE_SIZE));
            model.addAttribute("transactions", explorer.transactions(caller, id, shown, page, PAGE_SIZE));
            model.addAttribute("page", page);
        }
        return fragment != null ? "console/explorer :: latest" : "console/explorer";
    }

    /** One hit opens it; several are listed; bad input is explained on the page. */
    @GetMapping("/console/consortia/{id}/explorer/search")
    String search(@PathVariable long id, @RequestParam(required = false) String q, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        model.addAttribute("consortium", consortium);
        model.addAttribute("query", q);
        SearchResult result;
        try {
            result = explorer.search(caller, id, q);
        } catch (PlatformException e) {
            model.addAttribute("problem", e.getMessage());
            if (e instanceof SearchQuery.Refused refused) {
                model.addAttribute("problemKey", refused.messageKey());
                model.addAttribute("problemArgument", refused.argument());
            }
            model.addAttribute("hits", List.of());
            return "console/search";
        }
        if (result.hits().size() == 1) {
            return "redirect:" + link(id, result.hits().get(0));
        }
        model.addAttribute("hits", result.hits());
        return "console/search";
    }

    @GetMapping("/console/consortia/{id}/explorer/{channel}/blocks/{number}")
    String block(@PathVariable long id, @PathVariable String channel, @PathVariable long number, Model model) {
        Caller caller = currentUser.get();
        model.addAttribute("consortium", consortia.requireVisible(caller, id));
        model.addAttribute("detail", explorer.block(caller, id, channel, number));
        return "console/block";
    }

    @GetMapping("/console/consortia/{id}/explorer/{channel}/transactions/{transactionId}")
    String transaction(@PathVariable long id, @PathVariable String channel, @PathVariable String transactionId,
            Model model) {
        Caller caller = currentUser.get();
        model.addAttribute("consortium", consortia.requireVisible(caller, id));
        ExplorerService.DetailAndFile shown = explorer.transactionWithFile(caller, id, channel, transactionId);
        model.addAttribute("tx", shown.detail());
        // the receipt file the browser verifies and offers for download
        model.addAttribute("receiptJson", shown.receiptFile());
        return "console/transaction";
    }

    static String link(long consortiumId, SearchHit hit) {
        String base = "/console/consortia/" + consortiumId + "/explorer/"
                + UriUtils.encodePathSegment(hit.channel(), java.nio.charset.StandardCharsets.UTF_8);
        return "TRANSACTION".equals(hit.kind()) ? base + "/transactions/" + hit.transactionId()
                : base + "/blocks/" + hit.blockNumber();
    }
}

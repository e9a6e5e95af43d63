package io.consortia.platform.contract;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Built-in contracts in the browser: notarize and verify a file (hashed locally; the file never
 * leaves the machine), create and transfer an asset, an asset's history.
 */
@ConsolePage
class ContractPages {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final ChannelService channels;

    ContractPages(CurrentUser currentUser, ConsortiumService consortia, ChannelService channels) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.channels = channels;
    }

    @GetMapping("/console/consortia/{id}/contracts")
    String contracts(@PathVariable long id, @RequestParam(required = false) String channel, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        List<ChannelRecord> usable = channels.list(caller, id).stream()
                .filter(c -> "ACTIVE".equals(c.status()))
                .filter(c -> ContractPolicy.canRead(caller, c))
                .toList();
        ChannelRecord shown = usable.stream().filter(c -> c.name().equals(channel)).findFirst()
                .orElse(usable.isEmpty() ? null : usable.get(0));
        model.addAttribute("consortium", consortium);
        model.addAttribute("channels", usable);
        model.addAttribute("channel", channel != null ? channel : shown == null ? null : shown.name());
        model.addAttribute("canCall", shown != null && ContractPolicy.canSubmit(caller, shown));
        return "console/contracts";
    }
}

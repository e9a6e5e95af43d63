package io.consortia.platform.channel;

import java.util.List;

/**
 * What the Channels tab shows of a channel's use. Answered by the explorer's index, which sits
 * above this package (it reads channels); the channel feature owns the question so that it
 * does not depend on its reader.
 */
public interface ChannelActivity {

    /** Indexed blocks of the channel (genesis included). */
    long height(ChannelRecord channel);

    /** Indexed transactions of the channel. */
    long transactions(ChannelRecord channel);

    /** Which contracts the channel's committed transactions called. */
    List<ContractUse> contracts(ChannelRecord channel);

    record ContractUse(String contract, String function, long calls, long valid) {}
}

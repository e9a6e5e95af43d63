package io.consortia.platform.explorer;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.protobuf.ByteString;
import io.consortia.crypto.Hashes;
import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.ChannelsRemoving;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.system.PlatformProperties;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.sdk.Channel;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Subscription;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.scheduling.TaskScheduler;

/**
 * A network's deletion deletes its channels' rows, and with them their index state and blocks:
 * from the moment the explorer is told (ChannelsRemoving), neither its watchdog nor a block the
 * closed stream still delivers may write for those channels, or the channel's row cannot be
 * deleted under the new one (a foreign key) and the deletion fails (as it did in
 * KubernetesDeploymentIT). The channel service, the consortia and the node clients are mocks.
 */
class BlockIndexerTest {
    private static final long CHANNEL = 4;
    private final ChannelService channels = mock(ChannelService.class);
    private final ConsortiumService consortia = mock(ConsortiumService.class);
    private final NetworkClients clients = mock(NetworkClients.class);
    private final IndexRepository index = mock(IndexRepository.class);
    private final Channel channel = mock(Channel.class);
    private BlockIndexer indexer;

    @BeforeEach
    void setUp() {
        ChannelRecord record = new ChannelRecord(CHANNEL, 1, "main", "ACTIVE", null, List.of(2L), 0);
        when(channels.active()).thenReturn(List.of(record));
        when(channels.byId(CHANNEL)).thenReturn(Optional.of(record));
        when(channels.peers(record)).thenReturn(List.of(mock(NodeRecord.class)));
        when(consortia.get(1)).thenReturn(new Consortium(1, "Acme", SchemeChoice.ECDSA_P256, 1, "RAFT", "LOCAL", 2,
                ConsortiumStatus.RUNNING, 0));
        Gateway gateway = mock(Gateway.class);
        when(clients.reader(eq(1L), eq(2L), any())).thenReturn(gateway);
        when(gateway.channel("main")).thenReturn(channel);
        when(channel.subscribeBlocks(anyLong(), any())).thenReturn(mock(Subscription.class));
        when(index.stateOf(CHANNEL)).thenReturn(Optional.empty());
        PlatformProperties properties = mock(PlatformProperties.class);
        when(properties.explorer()).thenReturn(new PlatformProperties.Explorer(java.time.Duration.ofSeconds(5)));
        indexer = new BlockIndexer(channels, consortia, clients, index, mock(TaskScheduler.class), properties,
                new SimpleMeterRegistry());
        indexer.startAll();
    }

    @Test
    void a_channel_being_removed_is_not_followed_again_by_the_watchdog() {
        verify(clients, times(1)).reader(anyLong(), anyLong(), any());
        indexer.onRemoving(new ChannelsRemoving(List.of(CHANNEL)));

        indexer.reopenBroken(); // its stream closed: a round before the rows are gone would open it again

        verify(clients, times(1)).reader(anyLong(), anyLong(), any());
        verify(index, times(1)).state(eq(CHANNEL), anyString(), any());
    }

    @Test
    void a_block_its_closed_stream_still_delivers_is_not_stored() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<Block>> delivered = ArgumentCaptor.forClass(Consumer.class);
        verify(channel).subscribeBlocks(eq(0L), delivered.capture());
        when(index.nextNumber(CHANNEL)).thenReturn(0L);
        BlockHeader header = BlockHeader.newBuilder().setNumber(0).build();
        Block genesis = Block.newBuilder().setHeader(header)
                .setHash(ByteString.copyFrom(Hashes.sha256().digest(header.toByteArray()))).build();
        indexer.onRemoving(new ChannelsRemoving(List.of(CHANNEL)));

        delivered.getValue().accept(genesis);

        verify(index, never()).insert(anyLong(), any());
    }
}

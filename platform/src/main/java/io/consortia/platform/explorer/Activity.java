package io.consortia.platform.explorer;

import io.consortia.platform.channel.ChannelActivity;
import io.consortia.platform.channel.ChannelRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What the console's charts and tiles show, from the index: heights, counts, and the last hour
 * minute by minute. "Latency" here is block time (when the leader cut the batch) minus the
 * client's transaction timestamp, both recorded on chain: it shows queueing and batching
 * delay, not Raft replication (the benchmark measures full submit-to-commit latency). Being on
 * chain, it needs no metrics pipeline and survives restarts.
 */
@Service
public class Activity implements ChannelActivity {
    private static final long MINUTE = 60_000;
    private final IndexRepository index;

    Activity(IndexRepository index) {
        this.index = index;
    }

    @Override
    public long height(ChannelRecord channel) {
        return index.count("blocks", channel.id());
    }

    @Override
    public long transactions(ChannelRecord channel) {
        return index.count("transactions", channel.id());
    }

    @Override
    public List<ContractUse> contracts(ChannelRecord channel) {
        return index.contractUse(channel.id());
    }

    /** The last hour, one point per minute (empty minutes as zero), over the given channels. */
    public Series lastHour(List<ChannelRecord> channels) {
        long nowMinute = System.currentTimeMillis() / MINUTE;
        long first = nowMinute - 59;
        Map<Long, IndexRepository.MinuteRow> rows = new HashMap<>();
        index.perMinute(channels.stream().map(ChannelRecord::id).toList(), first * MINUTE)
                .forEach(r -> rows.put(r.minute(), r));
        List<Long> minutes = new ArrayList<>();
        List<Double> tps = new ArrayList<>();
        List<Double> latency = new ArrayList<>();
        List<Double> maxLatency = new ArrayList<>();
        for (long m = first; m <= nowMinute; m++) {
            IndexRepository.MinuteRow row = rows.get(m);
            minutes.add(m * MINUTE);
            tps.add(row == null ? 0 : row.transactions() / 60.0);
            latency.add(row == null ? null : row.meanLatencyMillis());
            maxLatency.add(row == null ? null : row.maxLatencyMillis());
        }
        return new Series(minutes, tps, latency, maxLatency);
    }

    /** Parallel lists: minute start (epoch ms), tx/s, mean and max latency (ms, null when idle). */
    public record Series(List<Long> minutes, List<Double> transactionsPerSecond, List<Double> meanLatencyMillis,
            List<Double> maxLatencyMillis) {

        /** For the charts' script (numbers and nulls only, so no escaping concerns). */
        public String json() {
            return "{\"minutes\":" + list(minutes) + ",\"tps\":" + list(transactionsPerSecond) + ",\"latency\":"
                    + list(meanLatencyMillis) + ",\"maxLatency\":" + list(maxLatencyMillis) + "}";
        }

        private static String list(List<? extends Number> values) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < values.size(); i++) {
                Number v = values.get(i);
                out.append(i == 0 ? "" : ",").append(v == null ? "null"
                        : v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.3f", d) : v.toString());
            }
            return out.append(']').toString();
        }
    }
}

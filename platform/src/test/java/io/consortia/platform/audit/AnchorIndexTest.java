package io.consortia.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnchorIndexTest {
    private static final String HASH = "ab".repeat(32);

    @Test
    void the_key_of_the_kth_anchor_is_sha256_of_the_documented_text() {
        // printf 'consortia-audit-anchor/7/1' | sha256sum
        assertThat(AnchorIndex.key(7, 1)).isEqualTo("e1235380797eee6f02df52e25d07fe2fcd83db7f4324a8e8658ed014e2fc8390");
        assertThat(AnchorIndex.key(7, 2)).isEqualTo("3d53f383e062a253758680cefc366818750586927b986c2cb328b30146dd8260");
        assertThat(AnchorIndex.key(8, 1)).isNotEqualTo(AnchorIndex.key(7, 1));
    }

    @Test
    void the_memo_names_the_head_and_reads_back_for_its_own_k_only() {
        String memo = AnchorIndex.memo(3, 57, HASH, "tx-57");
        assertThat(memo).isEqualTo("consortia-audit-anchor k=3 seq=57 hash=" + HASH + " tx=tx-57");
        assertThat(AnchorIndex.parse(3, memo)).contains(new AnchorIndex.Head(57, HASH, "tx-57"));
        assertThat(AnchorIndex.parse(4, memo)).as("an entry must name its own k").isEmpty();
        assertThat(AnchorIndex.parse(3, "my own document")).isEmpty();
        assertThat(AnchorIndex.parse(3, null)).isEmpty();
    }

    @Test
    void the_walk_reads_the_contiguous_entries_and_stops_at_the_first_gap() {
        for (long anchors : new long[] {0, 1, 2, 9, 1000}) {
            List<Long> probed = new ArrayList<>();
            List<Long> entries = AnchorIndex.walk(k -> {
                probed.add(k);
                // an entry planted far beyond the genuine ones must not be reached
                return k <= anchors || k == 1 << 20 ? java.util.Optional.of(k) : java.util.Optional.empty();
            });
            assertThat(entries).as("%d anchors", anchors).hasSize((int) anchors)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, anchors).boxed().toList());
            assertThat(probed).as("lookups for %d anchors", anchors).hasSize((int) anchors + 1);
        }
    }
}

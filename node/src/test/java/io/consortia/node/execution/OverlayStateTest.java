package io.consortia.node.execution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.node.ledger.StateWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class OverlayStateTest {
    private final TreeMap<byte[], byte[]> committed = new TreeMap<>(java.util.Arrays::compareUnsigned);
    private final StateView base = new StateView() {
        @Override
        public Optional<byte[]> get(byte[] key) {
            return Optional.ofNullable(committed.get(key));
        }

        @Override
        public void forEach(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
            for (Map.Entry<byte[], byte[]> e : committed.tailMap(prefix, true).entrySet()) {
                if (!new String(e.getKey(), UTF_8).startsWith(new String(prefix, UTF_8)) || !visitor.test(e.getKey(), e.getValue())) {
                    return;
                }
            }
        }
    };

    @Test
    void iteration_merges_layers_in_key_order_with_overrides_and_deletions() {
        commit("p/1", "base");
        commit("p/3", "base");
        commit("p/5", "base");
        commit("q/1", "base");
        OverlayState block = new OverlayState(base);
        block.put(b("p/2"), b("block"));
        block.delete(b("p/3"));
        OverlayState tx = new OverlayState(block);
        tx.put(b("p/5"), b("tx"));
        tx.put(b("p/6"), b("tx"));

        assertThat(visit(tx, "p/", Integer.MAX_VALUE)).containsExactly("p/1=base", "p/2=block", "p/5=tx", "p/6=tx");
        assertThat(visit(tx, "p/", 2)).containsExactly("p/1=base", "p/2=block");
        assertThat(tx.get(b("p/3"))).isEmpty();
    }

    @Test
    void a_visitor_may_delete_what_it_visits() {
        commit("p/1", "a");
        OverlayState state = new OverlayState(base);
        state.put(b("p/2"), b("b"));

        state.forEach(b("p/"), (key, value) -> {
            state.delete(key);
            return true;
        });

        assertThat(visit(state, "p/", Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void merged_writes_come_out_sorted_with_deletions_as_null_values() {
        OverlayState block = new OverlayState(base);
        OverlayState tx = new OverlayState(block);
        tx.put(b("b"), b("2"));
        tx.delete(b("a"));
        tx.mergeInto(block);

        List<StateWrite> writes = block.toWrites();

        assertThat(writes).extracting(w -> new String(w.key(), UTF_8)).containsExactly("a", "b");
        assertThat(writes.get(0).isDelete()).isTrue();
        assertThat(block.get(b("b")).map(String::new)).contains("2");
    }

    @Test
    void an_empty_value_is_a_value_not_a_deletion() {
        OverlayState state = new OverlayState(base);
        state.put(b("k"), new byte[0]);

        assertThat(state.get(b("k"))).isPresent();
        assertThat(state.toWrites().get(0).isDelete()).isFalse();
    }

    private void commit(String key, String value) {
        committed.put(b(key), b(value));
    }

    private static List<String> visit(StateView view, String prefix, int limit) {
        List<String> seen = new ArrayList<>();
        view.forEach(b(prefix), (key, value) -> {
            seen.add(new String(key, UTF_8) + "=" + new String(value, UTF_8));
            return seen.size() < limit;
        });
        return seen;
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }
}

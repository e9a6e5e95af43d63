package io.consortia.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.Hashes;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateWritesTest {
    private static final byte[] A = {'a'};
    private static final byte[] B = {'b'};

    @Test
    void a_delete_and_a_put_of_an_empty_value_hash_differently() {
        assertThat(StateWrites.hash(Hashes.sha256(), List.of(StateWrite.delete(A))))
                .isNotEqualTo(StateWrites.hash(Hashes.sha256(), List.of(StateWrite.put(A, new byte[0]))));
    }

    @Test
    void moving_bytes_between_key_and_value_changes_the_hash() {
        assertThat(StateWrites.hash(Hashes.sha256(), List.of(StateWrite.put(new byte[] {'a', 'b'}, B))))
                .isNotEqualTo(StateWrites.hash(Hashes.sha256(), List.of(StateWrite.put(A, new byte[] {'b', 'b'}))));
    }

    @Test
    void no_writes_hash_the_empty_input() {
        assertThat(StateWrites.hash(Hashes.sm3(), List.of())).isEqualTo(Hashes.sm3().digest(new byte[0]));
    }

    @Test
    void unsorted_or_repeated_keys_are_refused() {
        assertThatThrownBy(() -> StateWrites.hash(Hashes.sha256(), List.of(StateWrite.put(B, A), StateWrite.put(A, A))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateWrites.hash(Hashes.sha256(), List.of(StateWrite.put(A, A), StateWrite.delete(A))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

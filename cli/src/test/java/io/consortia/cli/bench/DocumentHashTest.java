package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DocumentHashTest {

    @Test
    void isA64HexDigestUniquePerRunClientAndCounter() {
        Set<String> seen = new HashSet<>();
        for (long client = 0; client < 16; client++) {
            for (long seq = 0; seq < 500; seq++) {
                String hash = DocumentHash.of(42, client, seq, 7);
                assertThat(hash).matches("[0-9a-f]{64}");
                assertThat(seen.add(hash)).as("client %d seq %d repeats a hash", client, seq).isTrue();
            }
        }
        assertThat(DocumentHash.of(42, 3, 9, 7)).isEqualTo(DocumentHash.of(42, 3, 9, 7))
                .isNotEqualTo(DocumentHash.of(43, 3, 9, 7)).isNotEqualTo(DocumentHash.of(42, 3, 9, 8));
    }

    @Test
    void oneClientsConsecutiveDocumentsAreNotNeighbouringKeys() {
        // sorted, a client's 1,000 consecutive documents must interleave with another client's, as
        // real document hashes do; the readable run|client|counter hex kept each client's keys together
        TreeMap<String, Integer> keys = new TreeMap<>();
        for (long seq = 0; seq < 1000; seq++) {
            keys.put(DocumentHash.of(1, 0, seq, 7), 0);
            keys.put(DocumentHash.of(1, 1, seq, 7), 1);
        }
        int switches = 0;
        Integer previous = null;
        for (int client : keys.values()) {
            if (previous != null && client != previous) {
                switches++;
            }
            previous = client;
        }
        assertThat(switches).as("client changes along the sorted keys").isGreaterThan(500);
    }
}

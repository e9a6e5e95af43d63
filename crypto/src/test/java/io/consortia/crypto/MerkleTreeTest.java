package io.consortia.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static final HashFunction H = Hashes.sha256();

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("tx-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] leaf(byte[] data) {
        return H.digest(new byte[] {0}, data);
    }

    private static byte[] node(byte[] l, byte[] r) {
        return H.digest(new byte[] {1}, l, r);
    }

    @Test
    void empty_tree_root_is_the_hash_of_nothing() {
        assertThat(MerkleTree.build(H, List.of()).root()).isEqualTo(H.digest(new byte[0]));
        assertThat(MerkleTree.root(H, List.of())).isEqualTo(H.digest(new byte[0]));
        assertThat(MerkleTree.build(H, List.of()).size()).isZero();
    }

    @Test
    void roots_follow_the_wire_rule_with_promotion() {
        List<byte[]> l = leaves(5);
        assertThat(MerkleTree.root(H, l.subList(0, 1))).isEqualTo(leaf(l.get(0)));
        byte[] n01 = node(leaf(l.get(0)), leaf(l.get(1)));
        byte[] n23 = node(leaf(l.get(2)), leaf(l.get(3)));
        assertThat(MerkleTree.root(H, l.subList(0, 3))).isEqualTo(node(n01, leaf(l.get(2))));
        assertThat(MerkleTree.build(H, l).root()).isEqualTo(node(node(n01, n23), leaf(l.get(4))));
    }

    @Test
    void proofs_verify_for_every_index_of_sizes_1_to_33() {
        for (HashFunction h : List.of(Hashes.sha256(), Hashes.sm3())) {
            for (int n = 1; n <= 33; n++) {
                List<byte[]> l = leaves(n);
                MerkleTree tree = MerkleTree.build(h, l);
                assertThat(tree.size()).isEqualTo(n);
                assertThat(MerkleTree.root(h, l)).isEqualTo(tree.root());
                for (int i = 0; i < n; i++) {
                    MerklePath path = tree.proof(i);
                    assertThat(path.leafIndex()).isEqualTo(i);
                    assertThat(path.leafCount()).isEqualTo(n);
                    assertThat(path.verify(h, l.get(i), tree.root())).as("n=%d i=%d", n, i).isTrue();
                }
            }
        }
    }

    @Test
    void tampered_proofs_fail() {
        for (int n = 1; n <= 33; n++) {
            List<byte[]> l = leaves(n);
            MerkleTree tree = MerkleTree.build(H, l);
            byte[] root = tree.root();
            for (int i = 0; i < n; i++) {
                MerklePath path = tree.proof(i);
                assertThat(path.verify(H, "other".getBytes(StandardCharsets.UTF_8), root)).isFalse();
                byte[] badRoot = root.clone();
                badRoot[0] ^= 1;
                assertThat(path.verify(H, l.get(i), badRoot)).isFalse();
                for (int s = 0; s < path.siblings().size(); s++) {
                    List<byte[]> siblings = new ArrayList<>(path.siblings());
                    byte[] bad = siblings.get(s).clone();
                    bad[5] ^= 1;
                    siblings.set(s, bad);
                    assertThat(new MerklePath(i, n, siblings).verify(H, l.get(i), root)).isFalse();
                }
                List<byte[]> longer = new ArrayList<>(path.siblings());
                longer.add(root);
                assertThat(new MerklePath(i, n, longer).verify(H, l.get(i), root)).isFalse();
                if (!path.siblings().isEmpty()) {
                    List<byte[]> shorter = path.siblings().subList(0, path.siblings().size() - 1);
                    assertThat(new MerklePath(i, n, shorter).verify(H, l.get(i), root)).isFalse();
                }
                if (n > 1) {
                    int other = (i + 1) % n;
                    assertThat(new MerklePath(other, n, path.siblings()).verify(H, l.get(i), root)).isFalse();
                }
                assertThat(path.verify(Hashes.sm3(), l.get(i), root)).isFalse();
            }
        }
    }

    @Test
    void leaf_cannot_be_passed_off_as_an_inner_node() {
        List<byte[]> l = leaves(2);
        byte[] innerAsLeaf = new byte[64];
        System.arraycopy(leaf(l.get(0)), 0, innerAsLeaf, 0, 32);
        System.arraycopy(leaf(l.get(1)), 0, innerAsLeaf, 32, 32);
        assertThat(MerkleTree.root(H, List.of(innerAsLeaf))).isNotEqualTo(MerkleTree.root(H, l));
    }

    @Test
    void proof_index_and_path_values_are_checked() {
        MerkleTree tree = MerkleTree.build(H, leaves(3));
        assertThatThrownBy(() -> tree.proof(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new MerklePath(3, 3, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MerklePath(0, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

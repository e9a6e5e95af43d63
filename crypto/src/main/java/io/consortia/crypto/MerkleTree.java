package io.consortia.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Binary Merkle tree with the protocol's fixed rule: leaf = H(0x00 || data), inner node =
 * H(0x01 || left || right) (the prefixes keep a leaf from being passed off as a node); a node
 * without a sibling is promoted unchanged to the next level (no duplication, so two leaf lists
 * cannot share a root); the root of no leaves is H(empty).
 *
 * <p>{@link #build} keeps every level so that proofs can be produced; {@link #root(HashFunction,
 * List)} only computes the root, in place. Instances are immutable.
 */
public final class MerkleTree {
    static final byte[] LEAF_PREFIX = {0x00};
    static final byte[] NODE_PREFIX = {0x01};

    private final HashFunction hash;
    private final List<byte[][]> levels; // levels.get(0) = leaf hashes, last = {root}
    private final byte[] root;
    private final int size;

    private MerkleTree(HashFunction hash, List<byte[][]> levels, byte[] root, int size) {
        this.hash = hash;
        this.levels = levels;
        this.root = root;
        this.size = size;
    }

    public static MerkleTree build(HashFunction hash, List<byte[]> leaves) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(leaves, "leaves");
        if (leaves.isEmpty()) {
            return new MerkleTree(hash, List.of(), hash.digest(new byte[0]), 0);
        }
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = leafHashes(hash, leaves);
        levels.add(level);
        while (level.length > 1) {
            byte[][] next = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < next.length; i++) {
                next[i] = 2 * i + 1 < level.length ? node(hash, level[2 * i], level[2 * i + 1]) : level[2 * i];
            }
            levels.add(next);
            level = next;
        }
        return new MerkleTree(hash, List.copyOf(levels), level[0], leaves.size());
    }

    /** The root without keeping the tree: one array of hashes, reduced in place. */
    public static byte[] root(HashFunction hash, List<byte[]> leaves) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(leaves, "leaves");
        if (leaves.isEmpty()) {
            return hash.digest(new byte[0]);
        }
        byte[][] level = leafHashes(hash, leaves);
        int n = level.length;
        while (n > 1) {
            int m = (n + 1) / 2;
            for (int i = 0; i < m; i++) {
                level[i] = 2 * i + 1 < n ? node(hash, level[2 * i], level[2 * i + 1]) : level[2 * i];
            }
            n = m;
        }
        return level[0];
    }

    public byte[] root() {
        return root.clone();
    }

    /** Number of leaves. */
    public int size() {
        return size;
    }

    public HashFunction hashFunction() {
        return hash;
    }

    /** Inclusion proof of the leaf at {@code index}. */
    public MerklePath proof(int index) {
        Objects.checkIndex(index, size);
        List<byte[]> siblings = new ArrayList<>();
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            byte[][] level = levels.get(l);
            int sibling = i ^ 1;
            if (sibling < level.length) {
                siblings.add(level[sibling]);
            }
            i >>>= 1;
        }
        return new MerklePath(index, size, siblings);
    }

    static byte[] leaf(HashFunction hash, byte[] data) {
        return hash.digest(LEAF_PREFIX, Objects.requireNonNull(data, "leaf"));
    }

    static byte[] node(HashFunction hash, byte[] left, byte[] right) {
        return hash.digest(NODE_PREFIX, left, right);
    }

    private static byte[][] leafHashes(HashFunction hash, List<byte[]> leaves) {
        byte[][] out = new byte[leaves.size()][];
        int i = 0;
        for (byte[] leaf : leaves) {
            out[i++] = leaf(hash, leaf);
        }
        return out;
    }
}

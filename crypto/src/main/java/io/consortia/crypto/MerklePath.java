package io.consortia.crypto;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Inclusion proof of one leaf in a {@link MerkleTree}: the sibling hashes from the leaf level
 * upwards. Levels where the path's node is promoted (it has no sibling) contribute nothing;
 * which levels those are follows from {@code leafIndex} and {@code leafCount}, so the proof
 * can be checked offline by a light client that only knows the root.
 */
public record MerklePath(int leafIndex, int leafCount, List<byte[]> siblings) {
    public MerklePath {
        Objects.requireNonNull(siblings, "siblings");
        if (leafCount < 1 || leafIndex < 0 || leafIndex >= leafCount) {
            throw new IllegalArgumentException("leafIndex " + leafIndex + " out of range for leafCount " + leafCount);
        }
        List<byte[]> copy = new ArrayList<>(siblings.size());
        for (byte[] sibling : siblings) {
            copy.add(Objects.requireNonNull(sibling, "sibling").clone());
        }
        siblings = Collections.unmodifiableList(copy);
    }

    /**
     * Whether {@code leaf} at this path's position hashes up to {@code expectedRoot}. False
     * (never an exception) for a wrong leaf, root, sibling or sibling count.
     */
    public boolean verify(HashFunction hash, byte[] leaf, byte[] expectedRoot) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(expectedRoot, "expectedRoot");
        byte[] current = MerkleTree.leaf(hash, leaf);
        int index = leafIndex;
        int width = leafCount;
        int used = 0;
        while (width > 1) {
            if ((index & 1) == 1) {
                if (used >= siblings.size()) {
                    return false;
                }
                current = MerkleTree.node(hash, siblings.get(used++), current);
            } else if (index + 1 < width) {
                if (used >= siblings.size()) {
                    return false;
                }
                current = MerkleTree.node(hash, current, siblings.get(used++));
            } // else: last node of an odd level, promoted unchanged
            index >>>= 1;
            width = (width + 1) >>> 1;
        }
        return used == siblings.size() && MessageDigest.isEqual(current, expectedRoot);
    }
}

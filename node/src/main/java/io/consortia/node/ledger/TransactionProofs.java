package io.consortia.node.ledger;

import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.MerklePath;
import io.consortia.crypto.MerkleTree;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.MerkleProof;
import io.consortia.protocol.v1.TransactionInfo;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link TransactionInfo} with its inclusion proof; the Merkle leaves are the raw transaction-id hashes in block order. */
public final class TransactionProofs {
    private TransactionProofs() {}

    /** The Merkle leaves of a block: each transaction id decoded from hex, in block order. */
    public static List<byte[]> leaves(Block block) {
        List<byte[]> leaves = new ArrayList<>(block.getTransactionsCount());
        block.getTransactionsList().forEach(tx -> leaves.add(Hashes.fromHex(tx.getTransactionId())));
        return leaves;
    }

    static TransactionInfo info(HashFunction hash, Block block, int index) {
        MerklePath path = MerkleTree.build(hash, leaves(block)).proof(index);
        MerkleProof.Builder proof = MerkleProof.newBuilder()
                .setLeafIndex(path.leafIndex())
                .setLeafCount(path.leafCount());
        path.siblings().forEach(sibling -> proof.addSiblings(ByteString.copyFrom(sibling)));
        return TransactionInfo.newBuilder()
                .setTransaction(block.getTransactions(index))
                .setBlockNumber(block.getHeader().getNumber())
                .setBlockHeader(block.getHeader())
                .setBlockHash(block.getHash())
                .setIndexInBlock(index)
                .setProof(proof)
                .build();
    }

    /** Turns a wire proof back into the crypto module's path, e.g. to verify it. */
    public static MerklePath toPath(MerkleProof proof) {
        List<byte[]> siblings = new ArrayList<>(proof.getSiblingsCount());
        proof.getSiblingsList().forEach(sibling -> siblings.add(sibling.toByteArray()));
        return new MerklePath(proof.getLeafIndex(), proof.getLeafCount(), siblings);
    }
}

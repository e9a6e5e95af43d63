package io.consortia.node.ledger;

import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.MerklePath;
import io.consortia.crypto.MerkleTree;
import io.consortia.crypto.ReceiptLeaf;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.MerkleProof;
import io.consortia.protocol.v1.TransactionInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link TransactionInfo} with its proofs: inclusion against the transactions root (leaves:
 * the raw transaction-id hashes in block order) and, for blocks of header version 1, the verdict
 * and result against the receipts root (leaves: {@link ReceiptLeaf}).
 */
public final class TransactionProofs {
    private TransactionProofs() {}

    /** The Merkle leaves of a block: each transaction id decoded from hex, in block order. */
    public static List<byte[]> leaves(Block block) {
        List<byte[]> leaves = new ArrayList<>(block.getTransactionsCount());
        block.getTransactionsList().forEach(tx -> leaves.add(Hashes.fromHex(tx.getTransactionId())));
        return leaves;
    }

    /** The receipts-tree leaves of a block's transactions, in block order. */
    public static List<byte[]> receiptLeaves(HashFunction hash, List<BlockTransaction> transactions) {
        List<byte[]> leaves = new ArrayList<>(transactions.size());
        for (BlockTransaction tx : transactions) {
            leaves.add(ReceiptLeaf.encode(hash, Hashes.fromHex(tx.getTransactionId()), tx.getCodeValue(),
                    tx.getResult().toByteArray()));
        }
        return leaves;
    }

    static TransactionInfo info(HashFunction hash, Block block, int index) {
        TransactionInfo.Builder info = TransactionInfo.newBuilder()
                .setTransaction(block.getTransactions(index))
                .setBlockNumber(block.getHeader().getNumber())
                .setBlockHeader(block.getHeader())
                .setBlockHash(block.getHash())
                .setIndexInBlock(index)
                .setProof(proof(MerkleTree.build(hash, leaves(block)).proof(index)));
        if (block.getHeader().getVersion() >= ReceiptLeaf.HEADER_VERSION) {
            info.setReceiptProof(proof(MerkleTree.build(hash, receiptLeaves(hash, block.getTransactionsList()))
                    .proof(index)));
        }
        return info.build();
    }

    private static MerkleProof proof(MerklePath path) {
        MerkleProof.Builder proof = MerkleProof.newBuilder()
                .setLeafIndex(path.leafIndex())
                .setLeafCount(path.leafCount());
        path.siblings().forEach(sibling -> proof.addSiblings(ByteString.copyFrom(sibling)));
        return proof.build();
    }

    /** Turns a wire proof back into the crypto module's path, e.g. to verify it. */
    public static MerklePath toPath(MerkleProof proof) {
        List<byte[]> siblings = new ArrayList<>(proof.getSiblingsCount());
        proof.getSiblingsList().forEach(sibling -> siblings.add(sibling.toByteArray()));
        return new MerklePath(proof.getLeafIndex(), proof.getLeafCount(), siblings);
    }
}

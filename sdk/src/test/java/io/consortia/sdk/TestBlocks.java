package io.consortia.sdk;

import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.MerklePath;
import io.consortia.crypto.MerkleTree;
import io.consortia.crypto.ReceiptLeaf;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.MerkleProof;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.ValidationCode;
import java.util.List;

/** Builds blocks and receipts the way a node does: transactions root over raw ids, receipts root over ReceiptLeaf. */
final class TestBlocks {
    private TestBlocks() {}

    static BlockTransaction recorded(HashFunction hash, Transaction transaction, ValidationCode code, String reason,
            byte[] result) {
        return BlockTransaction.newBuilder()
                .setTransaction(transaction)
                .setTransactionId(Hashes.hex(hash.digest(transaction.getPayload().toByteArray())))
                .setCode(code)
                .setReason(reason)
                .setResult(ByteString.copyFrom(result))
                .build();
    }

    static Block block(HashFunction hash, String channel, long number, byte[] previousHash,
            List<BlockTransaction> transactions) {
        BlockHeader header = BlockHeader.newBuilder()
                .setChannel(channel)
                .setNumber(number)
                .setPreviousHash(ByteString.copyFrom(previousHash))
                .setTransactionsRoot(ByteString.copyFrom(MerkleTree.root(hash, leaves(transactions))))
                .setStateHash(ByteString.copyFrom(hash.digest(("state " + number).getBytes())))
                .setTimestampMillis(1_700_000_000_000L + number)
                .setTransactionCount(transactions.size())
                .setVersion(ReceiptLeaf.HEADER_VERSION)
                .setReceiptsRoot(ByteString.copyFrom(MerkleTree.root(hash, receiptLeaves(hash, transactions))))
                .build();
        return Block.newBuilder()
                .setHeader(header)
                .addAllTransactions(transactions)
                .setHash(ByteString.copyFrom(hash.digest(header.toByteArray())))
                .build();
    }

    static TransactionInfo receipt(HashFunction hash, Block block, int index) {
        TransactionInfo.Builder info = TransactionInfo.newBuilder()
                .setTransaction(block.getTransactions(index))
                .setBlockNumber(block.getHeader().getNumber())
                .setBlockHeader(block.getHeader())
                .setBlockHash(block.getHash())
                .setIndexInBlock(index)
                .setProof(proof(MerkleTree.build(hash, leaves(block.getTransactionsList())).proof(index)));
        if (block.getHeader().getVersion() > 0) {
            info.setReceiptProof(proof(MerkleTree.build(hash, receiptLeaves(hash, block.getTransactionsList()))
                    .proof(index)));
        }
        return info.build();
    }

    /** A block as nodes wrote it before receipts roots: header version 0. */
    static Block versionZero(HashFunction hash, Block block) {
        BlockHeader header = block.getHeader().toBuilder().clearVersion().clearReceiptsRoot().build();
        return block.toBuilder().setHeader(header).setHash(ByteString.copyFrom(hash.digest(header.toByteArray())))
                .build();
    }

    private static MerkleProof proof(MerklePath path) {
        MerkleProof.Builder proof = MerkleProof.newBuilder()
                .setLeafIndex(path.leafIndex())
                .setLeafCount(path.leafCount());
        path.siblings().forEach(s -> proof.addSiblings(ByteString.copyFrom(s)));
        return proof.build();
    }

    private static List<byte[]> receiptLeaves(HashFunction hash, List<BlockTransaction> transactions) {
        return transactions.stream().map(t -> ReceiptLeaf.encode(hash, Hashes.fromHex(t.getTransactionId()),
                t.getCodeValue(), t.getResult().toByteArray())).toList();
    }

    private static List<byte[]> leaves(List<BlockTransaction> transactions) {
        return transactions.stream().map(t -> Hashes.fromHex(t.getTransactionId())).toList();
    }
}

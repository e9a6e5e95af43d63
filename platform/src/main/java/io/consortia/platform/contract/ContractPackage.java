package io.consortia.platform.contract;

/**
 * A version of a contract in the repository (链码仓库): its manifest, the SHA-256 of its module, who
 * uploaded it and its review. Only a REVIEWED version may be proposed on a channel.
 */
public record ContractPackage(long id, long consortiumId, String name, String version, String description,
        ContractManifest manifest, String codeHash, int sizeBytes, String uploadedBy, long uploadedAt,
        String reviewStatus, String reviewedBy, Long reviewedAt, String reviewNote) {

    public static final String PENDING = "PENDING";
    public static final String REVIEWED = "REVIEWED";
    public static final String REJECTED = "REJECTED";
    /**
     * The reviewer of the store's templates: the platform itself, whose release ships (and reviewed)
     * their code. No username holds a ':', so no person can be mistaken for it.
     */
    public static final String PRODUCT_REVIEWER = "consortia:store";
    public static final String PRODUCT_REVIEW_NOTE = "template shipped with the platform: its code is the product's";

    public boolean reviewed() {
        return REVIEWED.equals(reviewStatus);
    }
}

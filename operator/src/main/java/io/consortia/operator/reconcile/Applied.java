package io.consortia.operator.reconcile;

/** What applying one object did. */
public enum Applied {
    /** It did not exist and was created. */
    CREATED,
    /** It existed with fields of ours changed (drift) and was updated back. */
    REPAIRED,
    /** An immutable field of ours changed: it was deleted (its pods orphaned) and is created on the next pass. */
    RECREATING,
    /** It matched: nothing was written. */
    UNCHANGED
}

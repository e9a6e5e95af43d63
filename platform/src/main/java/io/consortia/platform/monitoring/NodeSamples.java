package io.consortia.platform.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The platform's short history of node samples: what charts draw and alert rules evaluate. */
public interface NodeSamples {

    /** The newest sample of a node, if it was scraped since the platform started. */
    Optional<NodeSample> latest(long nodeRecordId);

    /** A node's samples taken at or after {@code since}, oldest first. */
    List<NodeSample> history(long nodeRecordId, Instant since);
}

package io.consortia.platform.event;

/**
 * Where an event is on its channel: block, transaction index in the block, event index in the
 * transaction. Positions order a channel's events; {@link #id()} is the SSE event id and the
 * {@code position} of a webhook body.
 */
record Position(long block, int transaction, int event) implements Comparable<Position> {

    static Position startOf(long block) {
        return new Position(block, 0, 0);
    }

    /** The position right after this one: where delivery continues once this event is acknowledged. */
    Position next() {
        return new Position(block, transaction, event + 1);
    }

    String id() {
        return block + "-" + transaction + "-" + event;
    }

    /** Parses {@link #id()}; a clear message for anything else. */
    static Position parse(String id) {
        String[] parts = id == null ? new String[0] : id.trim().split("-");
        try {
            if (parts.length == 3) {
                Position position = new Position(Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2]));
                if (position.block >= 0 && position.transaction >= 0 && position.event >= 0) {
                    return position;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("An event id is <block>-<transaction>-<event>, e.g. 12-0-1; not " + id);
    }

    @Override
    public int compareTo(Position other) {
        int byBlock = Long.compare(block, other.block);
        if (byBlock != 0) {
            return byBlock;
        }
        int byTransaction = Integer.compare(transaction, other.transaction);
        return byTransaction != 0 ? byTransaction : Integer.compare(event, other.event);
    }
}

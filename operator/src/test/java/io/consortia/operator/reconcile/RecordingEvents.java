package io.consortia.operator.reconcile;

import io.consortia.operator.api.ConsortiaNetwork;
import java.util.ArrayList;
import java.util.List;

/** Records events in memory and also writes them through the real recorder. */
final class RecordingEvents implements EventRecorder {
    record Recorded(String type, String reason, String message) {}

    final List<Recorded> events = new ArrayList<>();
    private final EventRecorder delegate;

    RecordingEvents(EventRecorder delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void record(ConsortiaNetwork network, String type, String reason, String message) {
        events.add(new Recorded(type, reason, message));
        delegate.record(network, type, reason, message);
    }

    synchronized List<Recorded> reasons(String reason) {
        return events.stream().filter(e -> e.reason().equals(reason)).toList();
    }

    synchronized void clear() {
        events.clear();
    }
}

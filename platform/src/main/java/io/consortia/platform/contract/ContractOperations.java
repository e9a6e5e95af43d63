package io.consortia.platform.contract;

import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.RecordedOperations;
import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.PlatformException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Records lifecycle operations and their steps as they run, through the platform's one progress
 * mechanism (deployments and their steps, action {@code CONTRACT_<action>}): each step's row is written
 * before its transaction is sent, so a long operation shows its progress and a failed one says at which
 * step — here, on the contract's page, and on the consortium's deployments page.
 */
@Component
class ContractOperations {
    private static final String PREFIX = "CONTRACT_";
    private final RecordedOperations recorded;

    ContractOperations(RecordedOperations recorded) {
        this.recorded = recorded;
    }

    /** One running operation. */
    static final class Running {
        private final DeploymentSteps steps;
        final Map<String, Object> result = new LinkedHashMap<>();
        private boolean started;

        private Running(DeploymentSteps steps) {
            this.steps = steps;
        }

        /** Runs a step; its value is the step's detail; a failing step is recorded with its reason and rethrown. */
        <T> T step(String name, Supplier<T> work) {
            started = true;
            Object[] value = new Object[1];
            steps.step(truncate(name, 300), null, () -> {
                value[0] = work.get();
                return StepDetails.of(value[0]);
            });
            @SuppressWarnings("unchecked")
            T typed = (T) value[0];
            return typed;
        }
    }

    /**
     * Runs an operation to its end and returns it with its steps; a failure is recorded on the
     * operation and rethrown as a problem naming the operation, so its steps can be looked up. A
     * request refused before its first step (a contract that is not committed, a proposal without
     * enough approvals) did nothing: it is answered with its problem and leaves no operation, so no
     * failed-deployment alert either.
     */
    ContractOperation run(long consortiumId, String channel, String contract, String action, String requestedBy,
            Consumer<Running> work) {
        long id = recorded.start(consortiumId, PREFIX + action, channel, contract, requestedBy);
        Running running = new Running(recorded.steps(id));
        try {
            work.accept(running);
        } catch (PlatformException e) {
            if (!running.started && e.status().is4xxClientError()) {
                recorded.discard(id);
                throw e;
            }
            recorded.failed(id, e.getMessage());
            AuditNotes.note("operation", id);
            throw new PlatformException(e.status(), e.type(), "Operation " + id + " (" + action + " "
                    + contract + ") failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            recorded.failed(id, e.getMessage());
            AuditNotes.note("operation", id);
            throw e;
        }
        recorded.succeeded(id);
        AuditNotes.note("operation", id);
        return get(id).map(o -> withResult(o, running.result)).orElseThrow();
    }

    Optional<ContractOperation> get(long id) {
        return recorded.get(id).map(ContractOperations::view);
    }

    List<ContractOperation> ofContract(long consortiumId, String channel, String contract) {
        return recorded.ofContract(consortiumId, channel, contract).stream().map(ContractOperations::view).toList();
    }

    private static ContractOperation view(RecordedOperations.Recorded r) {
        Deployment d = r.deployment();
        String action = d.action().startsWith(PREFIX) ? d.action().substring(PREFIX.length()) : d.action();
        return new ContractOperation(d.id(), d.consortiumId(), r.channel(), r.contract(), action, d.status(), d.reason(),
                d.requestedBy(), d.startedAt(), d.finishedAt(), d.steps().stream().map(s -> new ContractOperation.Step(
                        s.name(), s.status(), s.detail(), s.startedAt(), s.finishedAt())).toList(), Map.of());
    }

    private static ContractOperation withResult(ContractOperation o, Map<String, Object> result) {
        return new ContractOperation(o.id(), o.consortiumId(), o.channel(), o.contract(), o.action(), o.status(),
                o.reason(), o.requestedBy(), o.startedAt(), o.finishedAt(), o.steps(), Map.copyOf(result));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

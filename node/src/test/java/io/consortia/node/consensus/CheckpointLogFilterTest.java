package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.ratis.server.protocol.TermIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A checkpoint install's "failure", as Ratis logs it, stays out of the node's log; Ratis' real errors do not. */
class CheckpointLogFilterTest {
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
    private Logger ratis;

    @BeforeEach
    void listen() {
        CheckpointLogFilter.install();
        CheckpointLogFilter.install(); // once is enough, twice changes nothing
        ratis = (Logger) LoggerFactory.getLogger(CheckpointLogFilter.LOGGER);
        seen.start();
        ratis.addAppender(seen);
    }

    @AfterEach
    void stop() {
        ratis.detachAppender(seen);
    }

    @Test
    void the_error_ratis_logs_for_an_installed_checkpoint_is_dropped_and_other_errors_pass() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getTurboFilterList()).filteredOn(CheckpointLogFilter.class::isInstance).hasSize(1);
        String installed = new ChannelStateMachine.CheckpointInstalled("main", TermIndex.valueOf(3, 75)).getMessage();
        // what Ratis 3.3.0's SnapshotInstallationHandler logs when the state machine's future fails
        ratis.error("{}: Failed to notify StateMachine to InstallSnapshot. Exception: {}", "n1@group-1", installed);
        ratis.error("{}: Failed to notify StateMachine to InstallSnapshot. Exception: {}", "n1@group-1",
                "checkpoint download from n2 failed: connection refused");
        ratis.warn("{}: {}", "n1@group-1", installed);

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "n1@group-1: Failed to notify StateMachine to InstallSnapshot. Exception: checkpoint download from n2 "
                        + "failed: connection refused",
                "n1@group-1: " + installed);
    }
}

package io.consortia.node.consensus;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops the ERROR Ratis 3.3.0 logs when a checkpoint install ends its "installing" state the only
 * way it can, by failing the notification ({@link ChannelStateMachine#notifyInstallSnapshotFromLeader}):
 * "Failed to notify StateMachine to InstallSnapshot. Exception: channel main: checkpoint at ...
 * installed in the ledger ...". Every catch-up from a checkpoint would otherwise put an ERROR in
 * the node's log, which operators (and the platform's log search) rightly read as a fault; the
 * state machine logs the install itself at INFO. Any other ERROR of Ratis' passes.
 */
final class CheckpointLogFilter extends TurboFilter {
    static final String LOGGER = "org.apache.ratis.server.impl.SnapshotInstallationHandler";

    /** Adds the filter to logback once (nothing when another logging backend is bound). */
    static synchronized void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(CheckpointLogFilter.class::isInstance)) {
            CheckpointLogFilter filter = new CheckpointLogFilter();
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == Level.ERROR && LOGGER.equals(logger.getName()) && params != null) {
            for (Object param : params) {
                if (param instanceof String text && text.contains(ChannelStateMachine.CheckpointInstalled.MARK)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }
}

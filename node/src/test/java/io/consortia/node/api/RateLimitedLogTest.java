package io.consortia.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {
    @Test
    void logs_at_most_one_line_per_period_and_counts_what_it_left_out() {
        Logger logger = (Logger) LoggerFactory.getLogger("rate-limited-log-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicLong now = new AtomicLong(1_000);
        RateLimitedLog log = new RateLimitedLog(logger, now::get);

        for (int i = 0; i < 100; i++) {
            log.warn("refused {}", i);
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10)); // 100 calls in one second
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("refused 0");

        now.addAndGet(RateLimitedLog.PERIOD_NANOS);
        log.warn("refused {}", "late");
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("refused 0", "refused late (99 more like it in the last 10 s were not logged)");
    }
}

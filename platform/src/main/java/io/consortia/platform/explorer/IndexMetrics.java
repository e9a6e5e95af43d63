package io.consortia.platform.explorer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Exports {@code consortia_platform_indexed_blocks} and {@code consortia_platform_indexed_transactions}. */
@Component
class IndexMetrics implements MeterBinder {
    private final JdbcClient jdbc;

    IndexMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("consortia.platform.indexed.blocks", jdbc, j -> count(j, "blocks"))
                .description("Blocks in the explorer index, all channels").register(registry);
        Gauge.builder("consortia.platform.indexed.transactions", jdbc, j -> count(j, "transactions"))
                .description("Transactions in the explorer index, all channels").register(registry);
    }

    private static double count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}

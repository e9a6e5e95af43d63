package io.consortia.platform.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every time the console writes is labelled UTC ("Time (UTC)", "Last error at … UTC"). They were
 * written in the server's own zone: on a server in Shanghai, eight hours off what the label said.
 */
class FormatsTest {
    private static TimeZone original;

    @BeforeAll
    static void serverInShanghai() {
        original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
    }

    @AfterAll
    static void restore() {
        TimeZone.setDefault(original);
    }

    @Test
    void times_are_utc_whatever_the_server_s_zone() {
        Instant at = Instant.parse("2026-12-06T07:15:03.125Z");

        assertThat(new Formats().time(at)).isEqualTo("2026-12-06 07:15:03 UTC");
        assertThat(new Formats().time(at.toEpochMilli())).isEqualTo("2026-12-06 07:15:03 UTC");
    }
}

package io.consortia.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DescriptionLimitTest {
    @Test
    void a_long_description_is_cut_and_says_how_long_it_was() {
        String cut = DescriptionLimit.bound("no transaction " + "x".repeat(1 << 20));
        assertThat(cut).hasSize(DescriptionLimit.MAX_CHARS).startsWith("no transaction xxx")
                .endsWith("(" + (15 + (1 << 20)) + " characters, cut)");
    }

    @Test
    void a_short_description_is_kept() {
        assertThat(DescriptionLimit.bound("channel main has no block 7")).isEqualTo("channel main has no block 7");
        assertThat(DescriptionLimit.bound(null)).isNull();
    }
}

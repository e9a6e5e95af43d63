package io.consortia.platform.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** "27c17704" was told it must be "a hash / transaction id (hex)", which it is: it is a piece of one. */
class SearchQueryTest {
    @Test
    void a_block_number_or_a_whole_hash_is_searched() {
        assertThat(SearchQuery.parse(" 42 ")).isEqualTo(new SearchQuery("42", true));
        String hash = "AB".repeat(32);
        assertThat(SearchQuery.parse(hash)).isEqualTo(new SearchQuery(hash, false));
    }

    @Test
    void hex_that_is_not_a_whole_hash_is_refused_saying_that_prefixes_are_not_searched() {
        for (String piece : new String[] {"27c17704", "ab".repeat(8), "ab".repeat(31) + "a", "ab".repeat(32) + "a"}) {
            assertThatThrownBy(() -> SearchQuery.parse(piece)).as(piece)
                    .isInstanceOfSatisfying(SearchQuery.Refused.class, refused -> {
                        assertThat(refused.messageKey()).isEqualTo("explorer.searchPartialHex");
                        assertThat(refused.argument()).isEqualTo(piece.length());
                        assertThat(refused.type()).isEqualTo("invalid-input");
                    })
                    .hasMessage("q is " + piece.length() + " hex characters: a block hash or transaction id is 64 "
                            + "hex characters, and prefixes are not searched");
        }
    }

    /** A tester's 23 digits were answered "23 hex characters ... prefixes are not searched": they were a number. */
    @Test
    void digits_too_many_for_a_block_number_are_refused_as_a_number() {
        assertThatThrownBy(() -> SearchQuery.parse("99999999999999999999999"))
                .isInstanceOfSatisfying(SearchQuery.Refused.class, refused -> {
                    assertThat(refused.messageKey()).isEqualTo("explorer.searchNumberTooLong");
                    assertThat(refused.argument()).isEqualTo(23);
                })
                .hasMessage("q is a number of 23 digits: a block number has at most 18, and a block hash or transaction "
                        + "id is 64 hex characters");
        assertThat(SearchQuery.parse("1".repeat(64))).as("64 digits are a hash").isEqualTo(
                new SearchQuery("1".repeat(64), false));
    }

    @Test
    void anything_else_is_refused_with_what_the_box_takes() {
        assertThatThrownBy(() -> SearchQuery.parse("0x27c17704")).hasMessage("q must be a block number (digits), or a "
                + "block hash or transaction id (64 hex characters)");
        assertThatThrownBy(() -> SearchQuery.parse("  ")).isInstanceOfSatisfying(SearchQuery.Refused.class,
                refused -> assertThat(refused.messageKey()).isEqualTo("explorer.searchMissing"));
        assertThatThrownBy(() -> SearchQuery.parse("a".repeat(129))).isInstanceOf(SearchQuery.Refused.class);
    }
}

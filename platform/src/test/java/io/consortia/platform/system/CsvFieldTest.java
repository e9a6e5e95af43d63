package io.consortia.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvFieldTest {
    @Test
    void fields_with_separators_are_quoted_and_formulas_defused() {
        assertThat(CsvField.of("plain")).isEqualTo("plain");
        assertThat(CsvField.of("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvField.of("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvField.of("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(CsvField.of("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvField.of("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvField.of("")).isEmpty();
    }

    @Test
    void a_missing_value_is_an_empty_field() {
        assertThat(CsvField.of(null)).isEmpty();
        assertThat(CsvField.of("-1")).isEqualTo("'-1");
    }
}

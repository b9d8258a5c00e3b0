package vn.hotline1022.commons.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRulesTest {

    @Test
    void storableTextPassesAndNulDoesNot() {
        assertThat(TextRules.problem("Nguyễn Thị Bình\n12 Đường Yersin\t")).isNull();
        assertThat(TextRules.problem("a\u0000b")).contains("NUL");
        assertThat(TextRules.problem("a\u001bb")).contains("control");
        assertThat(TextRules.problem(null)).isNull();
    }
}

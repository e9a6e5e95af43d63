package io.consortia.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;

/** A tester could not create user "li": the rule asked for three characters, many people's names have two. */
class UsernameRuleTest {

    @Test
    void two_letter_names_are_usernames_and_one_letter_is_refused_with_the_rule() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            var validator = factory.getValidator();
            String password = "a-long-enough-password";
            assertThat(validator.validate(new NewUser("li", password, PlatformRole.AUDITOR, null, null))).isEmpty();
            assertThat(validator.validate(new NewUser("wu.2", password, PlatformRole.AUDITOR, null, null))).isEmpty();
            assertThat(validator.validate(new NewUser("l", password, PlatformRole.AUDITOR, null, null)))
                    .extracting(v -> v.getPropertyPath() + " " + v.getMessage())
                    .containsExactly("username " + UserService.USERNAME_RULE);
            assertThat(validator.validate(new NewUser("-li", password, PlatformRole.AUDITOR, null, null))).hasSize(1);
        }
    }
}

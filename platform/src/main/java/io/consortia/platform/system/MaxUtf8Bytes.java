package io.consortia.platform.system;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * A text's limit in UTF-8 bytes, where a contract counts bytes: {@code @Size} counts characters, so
 * text outside ASCII within it passed the platform and was refused on chain, in a block.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MaxUtf8Bytes.Check.class)
public @interface MaxUtf8Bytes {
    int value();

    String message() default "must be at most {value} bytes of UTF-8 (a character outside ASCII takes 2 to 4)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check; null is left to {@code @NotNull}. */
    final class Check implements ConstraintValidator<MaxUtf8Bytes, String> {
        private int max;

        @Override
        public void initialize(MaxUtf8Bytes annotation) {
            max = annotation.value();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return fits(value, max);
        }

        public static boolean fits(String value, int max) {
            return value == null || value.getBytes(StandardCharsets.UTF_8).length <= max;
        }
    }
}

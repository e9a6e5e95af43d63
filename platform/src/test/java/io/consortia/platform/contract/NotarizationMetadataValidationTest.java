package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/.../notarizations counted metadata in characters (@Size), the contract in UTF-8
 * bytes: 1500 Chinese characters (4500 bytes) were submitted and refused in a block.
 */
class NotarizationMetadataValidationTest {
    private static final String HASH = "ab".repeat(32);

    @Test
    void metadata_over_4096_bytes_of_utf8_is_invalid_input() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            assertThat(validator.validate(new ContractController.Notarization(HASH, "发票".repeat(750))))
                    .extracting(v -> v.getPropertyPath() + " " + v.getMessage())
                    .containsExactly("metadata must be at most 4096 bytes of UTF-8 (a character outside ASCII takes 2 to 4)");
            assertThat(validator.validate(new ContractController.Notarization(HASH, "发".repeat(1365)))).isEmpty();
            assertThat(validator.validate(new ContractController.Notarization(HASH, "x".repeat(4096)))).isEmpty();
        }
    }
}

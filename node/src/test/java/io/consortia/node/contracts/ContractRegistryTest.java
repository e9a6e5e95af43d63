package io.consortia.node.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractRegistryTest {

    @Test
    void the_built_ins_are_notarization_asset_and_token() {
        ContractRegistry registry = ContractRegistry.builtIns();

        assertThat(registry.names()).containsExactly("asset", "nft", "notarization", "token", "traceability");
        assertThat(registry.find("notarization")).containsInstanceOf(NotarizationContract.class);
        assertThat(registry.find("nope")).isEmpty();
    }

    @Test
    void a_second_contract_with_the_same_name_is_refused() {
        ContractRegistry registry = ContractRegistry.builtIns();

        assertThatThrownBy(() -> registry.register(new NotarizationContract()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
    }

    @Test
    void a_name_outside_the_allowed_characters_is_refused() {
        assertThatThrownBy(() -> new ContractRegistry().register(named("Bad Name")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContractRegistry().register(named("a\0b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ContractRegistry().register(named("my-contract.v1")).find("my-contract.v1")).isPresent();
    }

    static Contract named(String name) {
        return new Contract() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean hasFunction(String function) {
                return true;
            }

            @Override
            public boolean isReadOnly(String function) {
                return false;
            }

            @Override
            public byte[] invoke(ContractContext context, String function, List<ByteString> args) {
                return new byte[0];
            }
        };
    }
}

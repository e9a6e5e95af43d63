package io.consortia.platform.contract;

import io.consortia.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Contract store")
class StoreController {
    private final ContractStore store;
    private final CurrentUser currentUser;

    StoreController(ContractStore store, CurrentUser currentUser) {
        this.store = store;
        this.currentUser = currentUser;
    }

    record Install(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,29}", message = "must be a channel name") String channel,
            @Pattern(regexp = "MAJORITY|ANY|ALL", message = "must be MAJORITY, ANY or ALL") String policy,
            @Size(max = 64) List<@Valid @NotNull CallerRule> rules) {}

    @Operation(summary = "The store's templates: the built-in contracts (installed as governed forwarders) and "
            + "example WebAssembly contracts")
    @GetMapping("/api/v1/contract-store")
    List<ContractStore.Template> templates() {
        currentUser.get();
        return store.templates();
    }

    @Operation(summary = "Install a template onto a channel: repository, install, propose with its caller rules, "
            + "your organisation's approval")
    @PostMapping("/api/v1/consortia/{id}/contract-store/{template}/install")
    @ResponseStatus(HttpStatus.CREATED)
    ContractOperation install(@PathVariable long id, @PathVariable String template, @Valid @RequestBody Install install) {
        return store.install(currentUser.get(), id, install.channel(), template, install.policy(), install.rules());
    }
}

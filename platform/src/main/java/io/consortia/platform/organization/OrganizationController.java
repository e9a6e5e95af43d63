package io.consortia.platform.organization;

import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.AuditNotes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations")
@Tag(name = "Organisations")
class OrganizationController {
    private final OrganizationService organizations;
    private final CurrentUser currentUser;

    OrganizationController(OrganizationService organizations, CurrentUser currentUser) {
        this.organizations = organizations;
        this.currentUser = currentUser;
    }

    record NewOrganization(
            @NotBlank @Pattern(regexp = OrganizationService.NAME,
                    message = "must be 2-40 of a-z, 0-9 and '-', starting with a letter or digit") String name,
            @Size(max = 200) String displayName) {}

    @Operation(summary = "Create an organisation (platform admin)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Organization create(@Valid @RequestBody NewOrganization request) {
        Organization created = organizations.create(currentUser.get(), request.name(), request.displayName());
        AuditNotes.note("organization", created.id());
        AuditNotes.note("organizationName", created.name());
        return created;
    }

    @Operation(summary = "The organisation directory (names only; visible to every signed-in user)")
    @GetMapping
    List<Organization> all() {
        currentUser.get();
        return organizations.all();
    }

    @Operation(summary = "One organisation")
    @GetMapping("/{id}")
    Organization get(@PathVariable long id) {
        currentUser.get();
        return organizations.get(id);
    }
}

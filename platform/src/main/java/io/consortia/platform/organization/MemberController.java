package io.consortia.platform.organization;

import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.identity.MemberAccounts;
import io.consortia.platform.identity.NewUser;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.identity.UserService;
import io.consortia.platform.identity.UserView;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An organisation's users: private to the organisation (and platform admins, auditors). */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/members")
@Tag(name = "Organisations")
class MemberController {
    private final UserService users;
    private final Members members;
    private final MemberAccounts accounts;
    private final CurrentUser currentUser;

    MemberController(UserService users, Members members, MemberAccounts accounts, CurrentUser currentUser) {
        this.users = users;
        this.members = members;
        this.accounts = accounts;
        this.currentUser = currentUser;
    }

    record NewMember(
            @NotBlank @Pattern(regexp = UserService.USERNAME, message = UserService.USERNAME_RULE)
            String username,
            @NotBlank @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password,
            @NotNull OrganizationRole role) {
        @Override
        public String toString() {
            return "NewMember[" + username + "]";
        }
    }

    record NewRole(@NotNull OrganizationRole role) {}

    record NewStatus(@NotNull Boolean enabled) {}

    record NewPassword(@NotBlank @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password) {
        @Override
        public String toString() {
            return "NewPassword[]";
        }
    }

    @Operation(summary = "The organisation's users (own organisation, platform admin, auditor)")
    @GetMapping
    List<UserView> members(@PathVariable long organizationId) {
        return members.of(currentUser.get(), organizationId);
    }

    @Operation(summary = "Add a user to the organisation (its admin, or a platform admin)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView add(@PathVariable long organizationId, @Valid @RequestBody NewMember member) {
        return users.create(currentUser.get(),
                new NewUser(member.username(), member.password(), null, organizationId, member.role()));
    }

    @Operation(summary = "Change a user's role in the organisation (its admin, or a platform admin; not one's own; "
            + "the organisation keeps at least one enabled admin). Takes effect at the user's next request")
    @PutMapping("/{username}/role")
    UserView role(@PathVariable long organizationId, @PathVariable String username, @Valid @RequestBody NewRole body) {
        return accounts.changeRole(currentUser.get(), organizationId, username, body.role());
    }

    @Operation(summary = "Disable a user of the organisation, or enable them again (its admin, or a platform admin; "
            + "not oneself; the organisation keeps at least one enabled admin)",
            description = "A status of its own, beside role and password, rather than a field of a user update: it "
                    + "is one decision with its own effects. {\"enabled\": false} suspends the user without removing "
                    + "them: their sign-ins are refused exactly as a wrong password is (401, counted by the sign-in "
                    + "throttle), their browser sessions and bearer tokens answer 401 from their next request, and "
                    + "nothing more is done on their behalf; their certificates, on-chain account and name stay. "
                    + "{\"enabled\": true} lets them sign in again, clearing the waits their refused sign-ins earned "
                    + "while disabled; sessions and tokens from before stay ended. "
                    + "Asking for the state the user is already in is 200 and changes nothing. 409 for oneself and for "
                    + "the organisation's only enabled admin; a user of another organisation is 404 as a name no one "
                    + "has.")
    @PutMapping("/{username}/status")
    UserView status(@PathVariable long organizationId, @PathVariable String username,
            @Valid @RequestBody NewStatus body) {
        return accounts.setEnabled(currentUser.get(), organizationId, username, body.enabled());
    }

    @Operation(summary = "Set a new password for a user of the organisation who forgot theirs (its admin, or a "
            + "platform admin; not one's own). Ends the user's sessions and tokens")
    @PutMapping("/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void password(@PathVariable long organizationId, @PathVariable String username,
            @Valid @RequestBody NewPassword body) {
        accounts.setPassword(currentUser.get(), organizationId, username, body.password());
    }
}

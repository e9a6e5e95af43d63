package io.consortia.platform.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users")
class UserController {
    private final UserService users;
    private final PlatformAccounts platformAccounts;
    private final CurrentUser currentUser;

    UserController(UserService users, PlatformAccounts platformAccounts, CurrentUser currentUser) {
        this.users = users;
        this.platformAccounts = platformAccounts;
        this.currentUser = currentUser;
    }

    record NewStatus(@NotNull Boolean enabled) {}

    @Operation(summary = "Create a user (platform admin: any; organisation admin: own organisation)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@Valid @RequestBody NewUser user) {
        return users.create(currentUser.get(), user);
    }

    @Operation(summary = "Remove a user (platform admin: any; organisation admin: own organisation's users)",
            description = "The user's sessions end and every certificate the platform holds for them is revoked: "
                    + "never used again, and put on chain in every channel of each consortium they acted in "
                    + "(progress in the consortium's deployments). You cannot remove yourself (409), nor an organisation's "
                    + "only admin (409: make another user admin first). To an organisation's "
                    + "users, a user of another organisation or a platform account is 404, as a name no one has.")
    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String username) {
        users.remove(currentUser.get(), username);
    }

    @Operation(summary = "Disable a platform account (auditor, platform admin), or enable it again (platform admin; "
            + "not oneself; the platform keeps at least one enabled admin)",
            description = "As PUT /api/v1/organizations/{id}/members/{username}/status does for an organisation's "
                    + "users, which stays the way to disable those (409 here, naming it). {\"enabled\": false}: the "
                    + "account's sign-ins are refused exactly as a wrong password is (401, counted by the sign-in "
                    + "throttle), its browser sessions and bearer tokens answer 401 from their next request; its name "
                    + "and audit records stay. {\"enabled\": true} lets it sign in again, clearing the waits its refused "
                    + "sign-ins earned while disabled; sessions and tokens from before stay ended. Asking for the state "
                    + "the account is already in is 200 and changes nothing. 409 for oneself and for the only enabled "
                    + "platform admin; 403 for anyone but a platform admin.")
    @PutMapping("/{username}/status")
    UserView status(@PathVariable String username, @Valid @RequestBody NewStatus body) {
        return platformAccounts.setEnabled(currentUser.get(), username, body.enabled());
    }

    @Operation(summary = "All users (platform admin, auditor)")
    @GetMapping
    List<UserView> all() {
        return users.all(currentUser.get());
    }
}

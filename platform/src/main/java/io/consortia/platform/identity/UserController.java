package io.consortia.platform.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users")
class UserController {
    private final UserService users;
    private final CurrentUser currentUser;

    UserController(UserService users, CurrentUser currentUser) {
        this.users = users;
        this.currentUser = currentUser;
    }

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

    @Operation(summary = "All users (platform admin, auditor)")
    @GetMapping
    List<UserView> all() {
        return users.all(currentUser.get());
    }
}

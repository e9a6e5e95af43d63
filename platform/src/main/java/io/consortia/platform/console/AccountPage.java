package io.consortia.platform.console;

import io.consortia.platform.web.ConsolePage;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The signed-in user's own account: who they are, and their password. The start-up banner tells the platform
 * admin to change the printed password, and the console offered no way to (found by a tester); the API's
 * {@code PUT /api/v1/me/password} does the change.
 */
@ConsolePage
class AccountPage {

    @GetMapping("/console/account")
    String account() {
        return "console/account";
    }
}

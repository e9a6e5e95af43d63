package io.consortia.platform.console;

import io.consortia.platform.web.ConsolePage;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; signing in and out are the API's (the page posts to /api/v1/auth/login). */
@ConsolePage
class SignInPage {
    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }
}

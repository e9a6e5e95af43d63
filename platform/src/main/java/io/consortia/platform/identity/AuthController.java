package io.consortia.platform.identity;

import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Sign-in")
class AuthController {
    private final UserService users;
    private final TokenService tokens;
    private final CurrentUser currentUser;
    private final SecurityContextRepository contexts;
    private final SignInThrottle throttle;
    private final PasswordChanges passwordChanges;

    AuthController(UserService users, TokenService tokens, CurrentUser currentUser, SecurityContextRepository contexts,
            SignInThrottle throttle, PasswordChanges passwordChanges) {
        this.users = users;
        this.passwordChanges = passwordChanges;
        this.tokens = tokens;
        this.currentUser = currentUser;
        this.contexts = contexts;
        this.throttle = throttle;
    }

    record Login(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    record SignedInResponse(String token, Instant expiresAt, UserView user) {}

    record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword) {}

    @Operation(summary = "Sign in: returns a bearer token and also opens a browser session (cookie)",
            description = "Failed sign-ins are throttled: after 5 failures of one account from one address (20 from "
                    + "one address for any accounts, 20 of one account from anywhere) each further attempt must wait, "
                    + "1 s doubling with every failure up to 5 minutes; a success or 15 minutes without failures "
                    + "resets the count (consortia.security.sign-in.*). A throttled attempt is answered 429 with "
                    + "Retry-After, without checking the password.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "429",
            description = "Too many failed sign-ins; retry after the Retry-After seconds")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "401",
            description = "Unknown user or wrong password (bad-credentials)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Signed in")
    // the one operation anyone may call: it hands out the bearer token the others need
    @io.swagger.v3.oas.annotations.security.SecurityRequirements
    @PostMapping("/auth/login")
    SignedInResponse login(@Valid @RequestBody Login login, HttpServletRequest request, HttpServletResponse response,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) CsrfToken csrf) {
        String address = request.getRemoteAddr();
        throttle.waitBefore(login.username(), address).ifPresent(wait -> {
            AuditNotes.note("signIn", "THROTTLED"); // the password was not checked
            throw PlatformException.tooManyRequests("Too many failed sign-ins for this account or from this address; "
                    + "try again in " + SignInThrottle.seconds(wait) + " s", wait);
        });
        UserAccount user = users.authenticate(login.username(), login.password()).orElse(null);
        if (user == null) {
            throttle.failed(login.username(), address);
            throw new PlatformException(HttpStatus.UNAUTHORIZED, "bad-credentials", "Unknown user or wrong password");
        }
        throttle.succeeded(login.username(), address);
        openSession(user, request, response);
        if (csrf != null) {
            csrf.getToken(); // writes the XSRF-TOKEN cookie for the new browser session
        }
        TokenService.IssuedToken token = tokens.issue(user.id());
        return new SignedInResponse(token.token(), token.expiresAt(), UserView.of(user));
    }

    @Operation(summary = "Sign out: ends the session and revokes the bearer token used")
    @PostMapping("/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.startsWith("Bearer ")) {
            tokens.revoke(header.substring(7).trim());
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    @Operation(summary = "The signed-in user")
    @GetMapping("/me")
    UserView me() {
        return users.view(currentUser.get());
    }

    @Operation(summary = "Change the signed-in user's password",
            description = "Ends every other bearer token and browser session of the user (they answer 401 from then "
                    + "on). The token or session the change is made with stays valid; a session gets a new id "
                    + "(a new JSESSIONID cookie), so a copy of the old cookie is refused too. A token that may "
                    + "itself have leaked is ended with POST /auth/logout. Wrong current passwords are throttled "
                    + "like sign-ins, per user: after 5 each further attempt must wait, 1 s doubling up to 5 minutes "
                    + "(consortia.security.sign-in.*); a throttled attempt is answered 429 with Retry-After, without "
                    + "checking the password.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "429",
            description = "Too many wrong current passwords; retry after the Retry-After seconds")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Changed")
    @PutMapping("/me/password")
    ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange change, HttpServletRequest request,
            HttpServletResponse response) {
        String token = BearerTokenFilter.token(request);
        UserAccount user = passwordChanges.change(currentUser.get(), change.currentPassword(), change.newPassword(),
                token);
        if (token == null) {
            keepSession(user, request, response);
        }
        return ResponseEntity.noContent().build();
    }

    /** The caller's own session outlives the change: signed in anew, at the new credentials version. */
    private void keepSession(UserAccount user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            openSession(user, request, response);
        }
    }

    /** Signs the user into the browser session, under a new id if one was open (no session fixation). */
    private void openSession(UserAccount user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(Authorities.authentication(user));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}

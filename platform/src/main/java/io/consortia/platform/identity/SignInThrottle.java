package io.consortia.platform.identity;

import io.consortia.platform.system.PlatformProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: each failed sign-in counts against the account from that
 * address, the address and the account (see {@link PlatformProperties.SignIn}); once a count is
 * past its free failures, the next attempt on that key must wait, twice as long after each
 * further failure, at most {@code maxDelay}. Checked before the password hash is computed, so a
 * refused attempt also costs no Argon2 time. In memory, per platform process: a restart forgets.
 *
 * <p>A password change checks the current password too, so it is throttled the same way, or a
 * stolen token or session would let anyone guess the password freely. Its failures count against
 * the user alone, with the free failures of one account from one address: the guesser is already
 * signed in as that user, and their address says nothing.
 */
@Component
class SignInThrottle {
    private final PlatformProperties.SignIn rules;
    private final Clock clock;
    /** Access-ordered, so the least recently touched counter is forgotten first under a flood. */
    private final LinkedHashMap<String, Counter> counters = new LinkedHashMap<>(256, 0.75f, true);

    @Autowired
    SignInThrottle(PlatformProperties properties) {
        this(properties.security().signIn(), Clock.systemUTC());
    }

    SignInThrottle(PlatformProperties.SignIn rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    private static final class Counter {
        int failures;
        Instant lastFailure;
        Instant blockedUntil = Instant.MIN;
    }

    /** How long the caller must wait before this attempt may be checked; empty when it may go ahead. */
    synchronized Optional<Duration> waitBefore(String username, String address) {
        return longestWait(keys(username, address));
    }

    synchronized void failed(String username, String address) {
        count(keys(username, address),
                new int[] {rules.freeFailures(), rules.freeFailuresPerAddress(), rules.freeFailuresPerAccount()});
    }

    /** A correct password: the user's own counters start afresh (the address's stays, it may be spraying). */
    synchronized void succeeded(String username, String address) {
        String[] keys = keys(username, address);
        counters.remove(keys[0]);
        counters.remove(keys[2]);
    }

    /**
     * An admin enabled the account again: its own counters start afresh, from every address (as after a
     * correct password), so waits earned by sign-ins refused while it was disabled do not lock its user
     * out. The addresses' own counters stay: an address may be spraying.
     */
    synchronized void forgetAccount(String username, long userId) {
        String account = keys(username, "")[2];
        String fromAnyAddress = account + "\0";
        counters.keySet().removeIf(key -> key.equals(account) || key.startsWith(fromAnyAddress));
        counters.remove(passwordChangeKey(userId));
    }

    /** How long before a password change's current password may be checked; empty when it may go ahead. */
    synchronized Optional<Duration> waitBeforePasswordChange(long userId) {
        return longestWait(passwordChangeKey(userId));
    }

    synchronized void passwordChangeFailed(long userId) {
        count(new String[] {passwordChangeKey(userId)}, new int[] {rules.freeFailures()});
    }

    synchronized void passwordChangeSucceeded(long userId) {
        counters.remove(passwordChangeKey(userId));
    }

    /** A wait as the problem's detail gives it: whole seconds, rounded up, at least 1. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private Optional<Duration> longestWait(String... keys) {
        Instant now = clock.instant();
        Instant until = Instant.MIN;
        for (String key : keys) {
            Counter counter = counters.get(key);
            if (counter != null && counter.blockedUntil.isAfter(until)) {
                until = counter.blockedUntil;
            }
        }
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    private void count(String[] keys, int[] free) {
        Instant now = clock.instant();
        for (int i = 0; i < keys.length; i++) {
            Counter counter = counters.computeIfAbsent(keys[i], k -> new Counter());
            if (counter.lastFailure != null && counter.lastFailure.plus(rules.forgetAfter()).isBefore(now)) {
                counter.failures = 0;
            }
            counter.failures++;
            counter.lastFailure = now;
            if (counter.failures > free[i]) {
                counter.blockedUntil = now.plus(delay(counter.failures - free[i]));
            }
        }
        forgetOldest();
    }

    /** firstDelay * 2^(n-1), at most maxDelay. */
    private Duration delay(int beyondFree) {
        Duration delay = rules.firstDelay();
        for (int i = 1; i < beyondFree && delay.compareTo(rules.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(rules.maxDelay()) > 0 ? rules.maxDelay() : delay;
    }

    private void forgetOldest() {
        Iterator<Map.Entry<String, Counter>> oldest = counters.entrySet().iterator();
        while (counters.size() > rules.maxTracked() && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Account and address, address, account; usernames compared as the platform stores them. */
    private static String[] keys(String username, String address) {
        String account = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (account.length() > 64) {
            account = account.substring(0, 64);
        }
        String from = address == null ? "" : address;
        return new String[] {"u\0" + account + "\0" + from, "a\0" + from, "u\0" + account};
    }

    /** By id: unlike a typed user name, it names exactly the account whose password is checked. */
    private static String passwordChangeKey(long userId) {
        return "p\0" + userId;
    }
}

package io.consortia.platform.system;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * URL hosts that are addresses in a form {@link WebhookDestinations} must not judge as a name. A
 * name that does not resolve is left to delivery (checked again there), so an address the JDK does
 * not parse at once would pass unchecked at creation and, if another resolver reads it, reach the
 * address anyway:
 * <ul>
 *   <li>an IPv6 zone id ({@code [fe80::1%25eth0]}): a named zone made the literal "unresolvable"
 *   while the HTTP client still connected to fe80::1 on eth0. A zone only means something for a
 *   link-local (or other scoped) address, none of which receives webhooks, so any zone is refused;
 *   <li>IPv4 in another form than four decimal numbers ({@code 2852039166}, {@code 0251.0376.0251.0376},
 *   {@code 0xa9.0xfe.0xa9.0xfe}, {@code 169.254.169.254.}): C resolvers and proxies read them as
 *   169.254.169.254 and the JDK reads some of them otherwise or not at all. No host name is all
 *   digits (a top-level domain never is), so nothing legitimate is lost.
 * </ul>
 */
final class HostLiterals {
    /** Dot-separated decimal, octal or hex numbers, optionally with a trailing dot: what inet_aton reads. */
    private static final Pattern NUMERIC = Pattern.compile(
            "(0[xX][0-9a-fA-F]*|[0-9]+)(\\.(0[xX][0-9a-fA-F]*|[0-9]+))*\\.?");
    private static final Pattern DOTTED_DECIMAL = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private HostLiterals() {}

    /** Why the host, as the URL gives it, is refused before any lookup, if it is. */
    static Optional<String> refusal(String host) {
        if (host.startsWith("[") && host.contains("%")) {
            return Optional.of("an IPv6 address with a zone id (%...), which only link-local addresses have, "
                    + "and these never receive webhooks");
        }
        if (NUMERIC.matcher(host).matches() && !DOTTED_DECIMAL.matcher(host).matches()) {
            return Optional.of("an IPv4 address not written as four decimal numbers a.b.c.d (0-255, no leading "
                    + "zeros); write it so");
        }
        return Optional.empty();
    }
}

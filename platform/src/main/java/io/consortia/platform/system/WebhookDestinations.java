package io.consortia.platform.system;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where webhooks may go (event subscriptions and alert channels alike, one bean the event feature
 * makes from its settings). The URL is chosen by an organisation's admin or an application's key, but
 * the platform makes the request from inside its own network, so some addresses are refused
 * always: link-local ones (169.254.0.0/16 with the clouds' metadata service at 169.254.169.254,
 * fe80::/10), the unspecified and "this network" ones (0.0.0.0/8, ::), multicast and broadcast, and
 * the few metadata services outside link-local (Alibaba Cloud's 100.100.100.200, AWS's
 * fd00:ec2::254). No receiver lives there; the metadata service hands out the platform's cloud
 * credentials. Loopback and private ranges are refused too when
 * {@code consortia.events.webhooks.allow-private-destinations} is false; by default they are
 * allowed, as a single-machine installation delivers to applications next to it.
 *
 * <p>A name is resolved and every address it has is checked when the subscription is made, and
 * again at each delivery by {@link WebhookClient}, whose connection goes to exactly the addresses
 * that lookup checked (a name can point elsewhere later, or between two lookups).
 */
public final class WebhookDestinations {
    private final boolean allowPrivate;

    public WebhookDestinations(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /**
     * Why the URL's host may not receive webhooks, if it may not. A name that does not resolve is not
     * refused here: delivery fails and is retried until it does.
     */
    public Optional<String> refusal(URI url) {
        Optional<String> literal = literalRefusal(url);
        if (literal.isPresent()) {
            return literal;
        }
        String host = url.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            if (host.startsWith("[")) {
                return Optional.of(host + " is not a valid IPv6 address");
            }
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                return Optional.of(host + (host.equals(address.getHostAddress()) ? "" : " resolves to "
                        + address.getHostAddress() + ", which") + " is " + refused.get());
            }
        }
        return Optional.empty();
    }

    /**
     * Why the URL's host is refused as written, before any lookup: no host, or an address in a form
     * that must not be taken for a name ({@link HostLiterals}). {@link WebhookClient} checks the
     * addresses a name resolves to as it connects.
     */
    public Optional<String> literalRefusal(URI url) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("the URL has no host");
        }
        // an address written as one must be judged as one: never left to delivery as "a name that does not resolve"
        return HostLiterals.refusal(host).map(reason -> host + " is " + reason);
    }

    /** What kind of refused address this is, if it is one. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        if (a.isAnyLocalAddress() || a instanceof Inet4Address && (a.getAddress()[0] == 0 || isBroadcast(a))) {
            return Optional.of("an unspecified or broadcast address");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("a link-local address (169.254.0.0/16, fe80::/10: the cloud metadata service "
                    + "and the like), which never receives webhooks");
        }
        if (isCloudMetadata(a)) {
            return Optional.of("a cloud metadata service, which never receives webhooks");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (!allowPrivate && (a.isLoopbackAddress() || a.isSiteLocalAddress() || isUniqueLocal(a)
                || isSharedAddressSpace(a))) {
            return Optional.of("a loopback or private address, refused on this platform "
                    + "(consortia.events.webhooks.allow-private-destinations=false)");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 address carries to an IPv4 host, judged as that host: IPv4-compatible
     * (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d, RFC 6052), 6to4 (2002:aabb:ccdd::/48, RFC 3056) and a
     * Teredo client (2001:0::/32, its address inverted in the last four bytes, RFC 4380). Each reaches
     * the IPv4 address through a translator or relay, e.g. the metadata service as 64:ff9b::a9fe:a9fe on
     * a NAT64 network. The JDK unwraps IPv4-mapped ::ffff:a.b.c.d itself.
     */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address;
        }
        byte[] b = v6.getAddress();
        byte[] v4 = null;
        // ::1 and :: have twelve zero bytes too, but are IPv6's own loopback and unspecified addresses
        if (v6.isIPv4CompatibleAddress() && !v6.isLoopbackAddress() && !v6.isAnyLocalAddress()) {
            v4 = java.util.Arrays.copyOfRange(b, 12, 16);
        } else if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            v4 = java.util.Arrays.copyOfRange(b, 12, 16);
        } else if (startsWith(b, 0x20, 0x02)) {
            v4 = java.util.Arrays.copyOfRange(b, 2, 6);
        } else if (startsWith(b, 0x20, 0x01, 0, 0)) {
            v4 = java.util.Arrays.copyOfRange(b, 12, 16);
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) ~v4[i];
            }
        }
        if (v4 == null) {
            return address;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBroadcast(InetAddress a) {
        for (byte b : a.getAddress()) {
            if (b != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCloudMetadata(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200;
        }
        byte[] aws = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
        return java.util.Arrays.equals(b, aws);
    }

    /** fc00::/7, IPv6's private range. */
    private static boolean isUniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10, carrier-grade NAT: private to the provider's network. */
    private static boolean isSharedAddressSpace(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
}

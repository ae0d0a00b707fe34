package bakery.web.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import bakery.web.session.SessionId;

/**
 * The customer's address as limits count it. Behind the balancer Quarkus takes it from
 * {@code X-Forwarded-For}, but only when the request came from a trusted proxy
 * ({@code quarkus.http.proxy.trusted-proxies}); anyone else is counted by their own address. An IPv6
 * customer holds a whole /64, so that is what counts: otherwise one machine could be a million
 * customers.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final int IPV6_PREFIX_BYTES = 8;

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return normalise(remote.hostAddress() != null ? remote.hostAddress() : remote.host());
    }

    /** An IPv4 address as it is, an IPv6 one as its /64, anything else (a proxy's odd text) as a short hash. */
    static String normalise(String host) {
        if (host == null || host.isEmpty()) {
            return "unknown";
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (IPV4.matcher(bare).matches()) {
            return bare;
        }
        if (IPV6.matcher(bare).matches()) {
            try {
                // an IPv6 literal (it has a colon) is parsed, never looked up in DNS
                byte[] raw = InetAddress.getByName(bare).getAddress();
                if (raw.length == 4) {
                    return InetAddress.getByAddress(raw).getHostAddress();
                }
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
                    prefix.append(Integer.toHexString(((raw[i] & 0xff) << 8) | (raw[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            } catch (UnknownHostException e) {
                // not an address after all: hashed below
            }
        }
        return "other-" + SessionId.storageKey(bare);
    }
}

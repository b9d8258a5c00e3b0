package vn.hotline1022.commons.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address of the client behind a request. The TCP peer is the client unless it is one of the configured trusted
 * proxies (an ingress, a load balancer); then the client is the right-most address of {@code X-Forwarded-For} that
 * is not itself a trusted proxy. Headers from any other peer are ignored, so nobody picks their own rate-limit bucket
 * by sending a forged header.
 */
public final class ClientAddress {

    private record Network(byte[] address, int prefix) {
        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((address[i] & mask) != (candidate[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> trusted;

    /** @param trustedProxies addresses or CIDR blocks, e.g. {@code 10.0.0.0/8}, {@code 127.0.0.1} */
    public ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(ClientAddress::network)
                .toList();
    }

    /** @param forwardedFor the {@code X-Forwarded-For} header, or null */
    public String of(String peer, String forwardedFor) {
        if (peer == null) {
            return "unknown";
        }
        if (forwardedFor == null || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!literal(hop)) {
                return peer; // garbage in the header: the proxy itself is all we know
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /**
     * The budget an address spends from: an IPv4 address on its own; an IPv6 address by its /64, the block one
     * subscriber usually holds whole (they could otherwise take a fresh address for every request).
     */
    public static String bucket(String address) {
        byte[] bytes = bytes(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 4) { // also an IPv4-mapped IPv6 address: the same client either way
            return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    boolean isTrusted(String address) {
        byte[] bytes = bytes(address);
        return bytes != null && trusted.stream().anyMatch(n -> n.contains(bytes));
    }

    private static Network network(String spec) {
        String[] parts = spec.split("/", 2);
        byte[] address = bytes(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + spec);
        }
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + spec);
        }
        return new Network(address, prefix);
    }

    /** Only IP literals: never a DNS lookup for a header's content. */
    private static boolean literal(String s) {
        return !s.isEmpty() && s.length() <= 45 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.'
                || c == ':');
    }

    private static byte[] bytes(String s) {
        if (!literal(s)) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

package vn.hotline1022.commons.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindIngress = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.5"));
    private final ClientAddress direct = new ClientAddress(List.of());

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(direct.of("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void aTrustedProxyIsBelievedAboutTheClientItServes() {
        assertThat(behindIngress.of("10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(behindIngress.of("192.168.1.5", "198.51.100.1")).isEqualTo("198.51.100.1");
        // Several proxies: the right-most address that is not one of ours.
        assertThat(behindIngress.of("10.1.2.3", "198.51.100.1, 10.9.9.9")).isEqualTo("198.51.100.1");
    }

    @Test
    void aClientCannotPickItsBucketByForgingTheHeader() {
        // A forged left-most entry is not what the trusted proxy appended.
        assertThat(behindIngress.of("10.1.2.3", "1.1.1.1, 198.51.100.1")).isEqualTo("198.51.100.1");
        // From a peer that is not a trusted proxy the header means nothing.
        assertThat(behindIngress.of("203.0.113.7", "1.1.1.1")).isEqualTo("203.0.113.7");
        assertThat(behindIngress.of("192.168.1.6", "1.1.1.1")).isEqualTo("192.168.1.6");
        // Garbage (or a host name, never looked up) in the header: the proxy is all we know.
        assertThat(behindIngress.of("10.1.2.3", "evil.example")).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6Blocks() {
        ClientAddress v6 = new ClientAddress(List.of("fd00::/8"));
        assertThat(v6.of("fd12::1", "2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(v6.of("2001:db8::9", "2001:db8::7")).isEqualTo("2001:db8::9");
    }

    @Test
    void anIpv6ClientSpendsFromItsWholeSlash64() {
        assertThat(ClientAddress.bucket("2001:db8:85a3:42:1:2:3:4"))
                .isEqualTo(ClientAddress.bucket("2001:db8:85a3:42:ffff:ffff:ffff:1"))
                .isEqualTo("2001:db8:85a3:42::/64");
        assertThat(ClientAddress.bucket("2001:db8:85a3:43::1")).isNotEqualTo(ClientAddress.bucket("2001:db8:85a3:42::1"));
        assertThat(ClientAddress.bucket("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.bucket("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.bucket("unknown")).isEqualTo("unknown");
    }
}

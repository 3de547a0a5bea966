package io.deploychecklist.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;

/** The allow-list of targets: names, addresses, CIDR ranges, and what is refused unless listed. */
class TargetGuardTest {

  private static final AllowList NOTHING_LISTED = AllowList.parse(List.of());

  @Test
  void everyAddressThatIsNotPublicIsRefusedWithItsKind() throws UnknownHostException {
    Map<String, String> refused = Map.ofEntries(
        Map.entry("127.0.0.1", "loopback address"),
        Map.entry("127.0.0.2", "loopback address"),
        Map.entry("::1", "loopback address"),
        Map.entry("169.254.169.254", "link-local address"),
        Map.entry("fe80::1", "link-local address"),
        Map.entry("10.1.2.3", "private address"),
        Map.entry("172.16.0.1", "private address"),
        Map.entry("172.31.255.255", "private address"),
        Map.entry("192.168.1.1", "private address"),
        Map.entry("fc00::1", "private address"),
        Map.entry("fd12:3456::1", "private address"),
        Map.entry("0.0.0.0", "any-local address"),
        Map.entry("::", "any-local address"),
        Map.entry("224.0.0.1", "multicast address"),
        Map.entry("ff02::1", "multicast address"),
        Map.entry("100.64.0.1", "shared address (carrier-grade NAT)"),
        Map.entry("100.127.255.254", "shared address (carrier-grade NAT)"),
        Map.entry("255.255.255.255", "reserved address"));
    for (Map.Entry<String, String> entry : refused.entrySet()) {
      assertThat(NOTHING_LISTED.refusal(InetAddress.getByName(entry.getKey()))).as(entry.getKey())
          .isEqualTo(entry.getValue());
    }
  }

  @Test
  void publicAddressesAreAllowedWithoutBeingListed() throws UnknownHostException {
    for (String address : List.of("93.184.216.34", "8.8.8.8", "11.0.0.1", "172.32.0.1", "172.15.255.255",
        "100.63.255.255", "100.128.0.1", "169.255.0.1", "192.169.0.1", "2606:4700::1111", "2001:db8::1")) {
      assertThat(NOTHING_LISTED.refusal(InetAddress.getByName(address))).as(address).isNull();
    }
  }

  @Test
  void ipv4MappedCompatibleAndNat64FormsAreJudgedByTheirIpv4Address() throws UnknownHostException {
    // Built as Inet6Address on purpose: InetAddress.getByName would already turn a mapped one into IPv4.
    assertThat(NOTHING_LISTED.refusal(mapped(169, 254, 169, 254))).isEqualTo("link-local address");
    assertThat(NOTHING_LISTED.refusal(mapped(127, 0, 0, 1))).isEqualTo("loopback address");
    assertThat(NOTHING_LISTED.refusal(mapped(10, 0, 0, 1))).isEqualTo("private address");
    assertThat(NOTHING_LISTED.refusal(mapped(8, 8, 8, 8))).isNull();
    assertThat(NOTHING_LISTED.refusal(InetAddress.getByName("::ffff:192.168.0.1"))).isEqualTo("private address");
    assertThat(NOTHING_LISTED.refusal(InetAddress.getByName("::127.0.0.1"))).isEqualTo("loopback address");
    assertThat(NOTHING_LISTED.refusal(InetAddress.getByName("64:ff9b::a9fe:a9fe"))).isEqualTo("link-local address");
    // A listed IPv4 range covers the mapped form of its addresses too.
    assertThat(AllowList.parse(List.of("10.0.0.0/8")).refusal(mapped(10, 9, 8, 7))).isNull();
  }

  @Test
  void listedAddressesAndRangesAreAllowedAndNothingBeyondThem() throws UnknownHostException {
    AllowList list = AllowList.parse(List.of("127.0.0.1", "10.20.0.0/16", "fd00:1234::/32", "::1", "192.168.7.0/24"));

    assertThat(list.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
    assertThat(list.refusal(InetAddress.getByName("127.0.0.2"))).isEqualTo("loopback address");
    assertThat(list.refusal(InetAddress.getByName("10.20.0.1"))).isNull();
    assertThat(list.refusal(InetAddress.getByName("10.20.255.255"))).isNull();
    assertThat(list.refusal(InetAddress.getByName("10.21.0.1"))).isEqualTo("private address");
    assertThat(list.refusal(InetAddress.getByName("fd00:1234:ffff::5"))).isNull();
    assertThat(list.refusal(InetAddress.getByName("fd00:1235::1"))).isEqualTo("private address");
    assertThat(list.refusal(InetAddress.getByName("::1"))).isNull();
    assertThat(list.refusal(InetAddress.getByName("192.168.7.200"))).isNull();
    assertThat(list.refusal(InetAddress.getByName("192.168.8.1"))).isEqualTo("private address");
  }

  @Test
  void hostNamesMatchExactlyIgnoringCaseAndAWildcardMatchesSubdomainsOnly() {
    AllowList list = AllowList.parse(List.of("LocalHost", "build.internal", "*.svc.example.com"));

    assertThat(list.listsName("localhost")).isTrue();
    assertThat(list.listsName("LOCALHOST.")).isTrue();
    assertThat(list.listsName("Build.Internal")).isTrue();
    assertThat(list.listsName("api.svc.example.com")).isTrue();
    assertThat(list.listsName("a.b.svc.example.com")).isTrue();
    assertThat(list.listsName("svc.example.com")).isFalse();
    assertThat(list.listsName("evilsvc.example.com")).isFalse();
    assertThat(list.listsName("localhost.evil.com")).isFalse();
    assertThat(list.listsName("build.internal.evil.com")).isFalse();
  }

  @Test
  void anIpAddressIsNeverMatchedByItsSpelling() {
    AllowList list = AllowList.parse(List.of("localhost", "*.1"));

    assertThat(list.listsName("127.0.0.1")).isFalse();
    assertThat(list.listsName("2130706433")).isFalse();
    assertThat(list.listsName("::1")).isFalse();
  }

  @Test
  void anEntryThatIsNoNameAddressOrRangeStopsTheStartUp() {
    for (String entry : List.of("*", "http://service.example.com", "10.0.0.0/33", "fd00::/129", "10.0.0.0/x",
        "127.1", "not a host", "10.0.0.300", "service.example.com:8080")) {
      assertThatThrownBy(() -> new TargetProperties(List.of(entry))).as(entry)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("checklist.targets.allowed-hosts: '" + entry + "'");
    }
    assertThat(new TargetProperties(List.of(" ", "localhost ")).allowedHosts()).containsExactly("localhost");
    assertThat(new TargetProperties(null).allowedHosts()).isEmpty();
  }

  @Test
  void aNameIsAllowedWhenListedOrWhenEveryAddressItResolvesToIsPublicOrListed() throws UnknownHostException {
    Dns resolver = fixed(Map.of(
        "public.test", List.of("93.184.216.34"),
        "internal.test", List.of("10.0.0.5"),
        "split.test", List.of("93.184.216.34", "192.168.0.10"),
        "listed.test", List.of("10.0.0.6"),
        "range.test", List.of("10.20.0.7")));
    TargetGuard guard = new TargetGuard(List.of("listed.test", "10.20.0.0/16"), resolver);

    assertThat(guard.lookup("public.test")).hasSize(1);
    assertThat(guard.lookup("listed.test")).hasSize(1);
    assertThat(guard.lookup("range.test")).hasSize(1);
    assertThatThrownBy(() -> guard.lookup("internal.test"))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessage("host internal.test is not an allowed target (it resolves to 10.0.0.5, a private address);"
            + " allowed: checklist.targets.allowed-hosts=listed.test,10.20.0.0/16 (and public addresses)");
    assertThatThrownBy(() -> guard.lookup("split.test"))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessageContaining("it resolves to 192.168.0.10, a private address");
  }

  @Test
  void anAddressIsJudgedAsItselfWhateverItsSpelling() {
    TargetGuard guard = new TargetGuard(List.of(), Dns.SYSTEM);

    assertThat(guard.refusal("169.254.169.254")).contains("host 169.254.169.254 is not an allowed target"
        + " (link-local address); allowed: public addresses only (checklist.targets.allowed-hosts is empty)");
    assertThat(guard.refusal("2130706433")).hasValueSatisfying(why -> assertThat(why).contains("(loopback address)"));
    assertThat(guard.refusal("127.1")).hasValueSatisfying(why -> assertThat(why).contains("(loopback address)"));
    assertThat(guard.refusal("::ffff:a9fe:a9fe")).hasValueSatisfying(why -> assertThat(why).contains("(link-local address)"));
    assertThat(guard.refusal("[::1]")).hasValueSatisfying(why -> assertThat(why).contains("(loopback address)"));
    assertThat(guard.refusal("93.184.216.34")).isEmpty();
  }

  @Test
  void aNameThatDoesNotResolveYetPassesTheStartButIsNeverConnectedTo() {
    TargetGuard guard = new TargetGuard(List.of(), fixed(Map.of()));

    assertThat(guard.refusal("later.test")).isEmpty();
    assertThatThrownBy(() -> guard.lookup("later.test"))
        .isInstanceOf(UnknownHostException.class)
        .isNotInstanceOf(TargetRefusedException.class);
  }

  /** Resolves the given names only; IP literals as the JVM parses them (no lookup). */
  static Dns fixed(Map<String, List<String>> names) {
    return host -> {
      List<String> addresses = names.get(host);
      if (addresses == null) {
        if (AllowList.isIpLiteral(host)) {
          return Dns.SYSTEM.lookup(host);
        }
        throw new UnknownHostException(host);
      }
      List<InetAddress> result = new java.util.ArrayList<>();
      for (String address : addresses) {
        result.add(InetAddress.getByName(address));
      }
      return result;
    };
  }

  private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    bytes[12] = (byte) a;
    bytes[13] = (byte) b;
    bytes[14] = (byte) c;
    bytes[15] = (byte) d;
    InetAddress address = Inet6Address.getByAddress(null, bytes, null);
    assertThat(address).isInstanceOf(Inet6Address.class);
    return address;
  }
}

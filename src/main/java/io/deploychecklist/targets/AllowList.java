package io.deploychecklist.targets;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The entries of {@code checklist.targets.allowed-hosts} and the rule for everything else: an
 * address that is not public (loopback, link-local, private, ...) is refused unless an entry lists
 * it. Pure, no lookups: resolving is {@link TargetGuard}'s job.
 */
final class AllowList {

  static final String KEY = "checklist.targets.allowed-hosts";

  // What OkHttp (and java.net.InetAddress) take for an address rather than a name, "127.1" and
  // "2130706433" included: such a host is matched by its address, never by its spelling.
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*|[0-9.]+");
  private static final Pattern DOTTED_IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-f:.]+");
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

  private static final List<Range> NOT_PUBLIC = List.of(
      new Range(address("0.0.0.0"), 8, "any-local address"),
      new Range(address("10.0.0.0"), 8, "private address"),
      new Range(address("100.64.0.0"), 10, "shared address (carrier-grade NAT)"),
      new Range(address("127.0.0.0"), 8, "loopback address"),
      new Range(address("169.254.0.0"), 16, "link-local address"),
      new Range(address("172.16.0.0"), 12, "private address"),
      new Range(address("192.168.0.0"), 16, "private address"),
      new Range(address("224.0.0.0"), 4, "multicast address"),
      new Range(address("240.0.0.0"), 4, "reserved address"),
      new Range(address("::"), 128, "any-local address"),
      new Range(address("::1"), 128, "loopback address"),
      new Range(address("fe80::"), 10, "link-local address"),
      new Range(address("fec0::"), 10, "private address"),
      new Range(address("fc00::"), 7, "private address"),
      new Range(address("ff00::"), 8, "multicast address"));

  private final List<String> entries;
  private final List<String> names;
  private final List<String> suffixes;
  private final List<Range> ranges;

  private AllowList(List<String> entries, List<String> names, List<String> suffixes, List<Range> ranges) {
    this.entries = entries;
    this.names = names;
    this.suffixes = suffixes;
    this.ranges = ranges;
  }

  /** @throws IllegalArgumentException naming the key and the entry that is neither name, IP nor CIDR */
  static AllowList parse(List<String> entries) {
    List<String> names = new ArrayList<>();
    List<String> suffixes = new ArrayList<>();
    List<Range> ranges = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.trim();
      if (entry.contains("/")) {
        ranges.add(cidr(entry));
      } else if (entry.contains(":") || DOTTED_IPV4.matcher(entry).matches()) {
        InetAddress address = address(entry);
        ranges.add(new Range(address, address.getAddress().length * 8, null));
      } else if (entry.startsWith("*.") && isName(normalise(entry.substring(2)))) {
        suffixes.add("." + normalise(entry.substring(2)));
      } else if (isName(normalise(entry)) && !IP_LITERAL.matcher(entry).matches()) {
        names.add(normalise(entry));
      } else {
        throw invalid(entry, "a host name, *.domain, an IP address or a CIDR range");
      }
    }
    return new AllowList(List.copyOf(entries), names, suffixes, ranges);
  }

  /** Whether the host name itself is listed (an IP literal never is: its address decides). */
  boolean listsName(String host) {
    String name = normalise(host);
    if (isIpLiteral(name)) {
      return false;
    }
    return names.contains(name) || suffixes.stream().anyMatch(suffix -> name.endsWith(suffix));
  }

  /** Why {@code address} is refused, or null when it is listed or public. */
  String refusal(InetAddress address) {
    InetAddress plain = unwrap(address);
    if (ranges.stream().anyMatch(range -> range.contains(plain))) {
      return null;
    }
    return NOT_PUBLIC.stream().filter(range -> range.contains(plain)).map(Range::reason).findFirst().orElse(null);
  }

  /** For messages: {@code checklist.targets.allowed-hosts=a,b (and public addresses)}. */
  String describe() {
    return entries.isEmpty()
        ? "public addresses only (" + KEY + " is empty)"
        : KEY + "=" + String.join(",", entries) + " (and public addresses)";
  }

  static boolean isIpLiteral(String host) {
    return IP_LITERAL.matcher(host).matches();
  }

  /** Lower case, without a trailing dot or IPv6 brackets, in ASCII (punycode), as OkHttp has it. */
  static String normalise(String host) {
    String result = host.trim().toLowerCase(Locale.ROOT);
    if (result.startsWith("[") && result.endsWith("]")) {
      result = result.substring(1, result.length() - 1);
    }
    if (result.endsWith(".")) {
      result = result.substring(0, result.length() - 1);
    }
    try {
      return IDN.toASCII(result, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return result;
    }
  }

  /**
   * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible
   * ({@code ::a.b.c.d}) or NAT64 ({@code 64:ff9b::a.b.c.d}) IPv6 address: connecting to one of those
   * reaches the IPv4 address, so it is judged as that.
   */
  static InetAddress unwrap(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] bytes = address.getAddress();
    boolean zeroPrefix = Arrays.equals(Arrays.copyOfRange(bytes, 0, 10), new byte[10]);
    boolean mapped = zeroPrefix && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    boolean compatible = zeroPrefix && bytes[10] == 0 && bytes[11] == 0
        && !Arrays.equals(Arrays.copyOfRange(bytes, 12, 16), new byte[4])
        && !Arrays.equals(Arrays.copyOfRange(bytes, 12, 16), new byte[] {0, 0, 0, 1});
    boolean nat64 = Arrays.equals(Arrays.copyOfRange(bytes, 0, 12),
        new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0});
    if (!(mapped || compatible || nat64)) {
      return address;
    }
    try {
      return Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }

  private static boolean isName(String name) {
    return NAME.matcher(name).matches();
  }

  private static Range cidr(String entry) {
    String[] parts = entry.split("/", -1);
    if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
      throw invalid(entry, "a CIDR range such as 10.0.0.0/8 or fd00::/8");
    }
    InetAddress network = address(parts[0], entry);
    int bits = Integer.parseInt(parts[1]);
    if (bits > network.getAddress().length * 8) {
      throw invalid(entry, "a prefix of at most " + network.getAddress().length * 8 + " bits");
    }
    return new Range(network, bits, null);
  }

  private static InetAddress address(String text) {
    return address(text, text);
  }

  // Only literals: an entry is configuration, and parsing it must never ask a DNS server (which
  // InetAddress does for whatever it cannot parse as an address, "10.0.0.300" say).
  private static InetAddress address(String text, String entry) {
    String literal = normalise(text);
    boolean ipv4 = DOTTED_IPV4.matcher(literal).matches()
        && Arrays.stream(literal.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
    boolean ipv6 = literal.contains(":") && IPV6_CHARACTERS.matcher(literal).matches();
    try {
      if (ipv4 || ipv6) {
        return unwrap(InetAddress.getByName(literal));
      }
    } catch (UnknownHostException e) {
      // an invalid IPv6 address: refused below
    }
    throw invalid(entry, "an IPv4 address (a.b.c.d) or an IPv6 address");
  }

  private static IllegalArgumentException invalid(String entry, String expected) {
    return new IllegalArgumentException(KEY + ": '" + entry + "' is not " + expected);
  }

  /** The addresses sharing the first {@code bits} bits with {@code network} (same family only). */
  private record Range(InetAddress network, int bits, String reason) {

    boolean contains(InetAddress address) {
      byte[] a = network.getAddress();
      byte[] b = address.getAddress();
      if (a.length != b.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}

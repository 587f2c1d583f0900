package io.qingstor.installer.core.nodes;

import java.util.regex.Pattern;

/**
 * The one rule for the text of IPv4 addresses and CIDRs: dotted quads of decimal octets
 * 0-255 without leading zeros ({@code 010.0.0.1} is refused: tools disagree on whether it is
 * octal). IPv6 is not accepted.
 */
public final class Ipv4 {
  private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final String ADDRESS = OCTET + "(?:\\." + OCTET + "){3}";
  private static final Pattern ADDRESS_PATTERN = Pattern.compile(ADDRESS);
  private static final Pattern CIDR_PATTERN =
      Pattern.compile(ADDRESS + "/(?:3[0-2]|[12][0-9]|[0-9])");

  private Ipv4() {}

  /** Returns whether {@code text} is a dotted-quad IPv4 address such as {@code 10.0.0.1}. */
  public static boolean isAddress(String text) {
    return text != null && ADDRESS_PATTERN.matcher(text).matches();
  }

  /**
   * Returns whether {@code text} is an IPv4 address with a prefix length 0-32, such as
   * {@code 10.0.0.1/24} or {@code 10.0.0.0/24} (host bits may be set: an interface address).
   */
  public static boolean isCidr(String text) {
    return text != null && CIDR_PATTERN.matcher(text).matches();
  }

  /**
   * Returns whether {@code text} is an address a host can have: an IPv4 address whose first
   * octet is 1-223 (not 0.x "this network", not multicast 224-239, not reserved 240-255).
   */
  public static boolean isUnicastHost(String text) {
    if (!isAddress(text)) {
      return false;
    }
    int first = Integer.parseInt(text.substring(0, text.indexOf('.')));
    return first >= 1 && first <= 223;
  }
}

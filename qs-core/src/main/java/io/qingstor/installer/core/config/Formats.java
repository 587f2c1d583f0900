package io.qingstor.installer.core.config;

import io.qingstor.installer.core.nodes.Ipv4;
import java.util.regex.Pattern;

/**
 * The syntax of every value the config rules check, one pattern each, and the helpers that
 * build JSON paths and quote user values in messages.
 */
final class Formats {
  private static final Pattern DNS_LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final int DNS_NAME_MAX = 253;
  private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.:-]{1,15}");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern ZONE_ID = Pattern.compile("[a-z0-9-]+");
  private static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern DEVICE = Pattern.compile("[a-z][a-z0-9]{0,31}");
  private static final int QUOTE_MAX = 64;

  private Formats() {}

  /** Dotted quad without leading zeros: the one rule, {@link Ipv4}. */
  static boolean isIpv4(String s) {
    return Ipv4.isAddress(s);
  }

  /** An IPv4 CIDR; host bits may be set ({@code 192.168.10.1/24} names the network too). */
  static boolean isIpv4Cidr(String s) {
    return Ipv4.isCidr(s);
  }

  /** A DNS name: dot-separated labels of letters, digits and inner hyphens, 253 chars at most. */
  static boolean isDnsName(String s) {
    if (s == null || s.isEmpty() || s.length() > DNS_NAME_MAX) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** A Linux interface name: up to 15 of {@code [A-Za-z0-9_.:-]}, not {@code .} or {@code ..}. */
  static boolean isInterfaceName(String s) {
    return s != null && INTERFACE.matcher(s).matches() && !s.equals(".") && !s.equals("..");
  }

  /** A plain identifier, safe as a YAML key and as a shell variable name. */
  static boolean isIdentifier(String s) {
    return s != null && IDENTIFIER.matcher(s).matches();
  }

  static boolean isZoneId(String s) {
    return s != null && ZONE_ID.matcher(s).matches();
  }

  static boolean isVolumeName(String s) {
    return s != null && VOLUME.matcher(s).matches();
  }

  /** A block device name as under {@code /dev}: {@code sdc}, {@code vdb}, {@code nvme0n1}. */
  static boolean isDeviceName(String s) {
    return s != null && DEVICE.matcher(s).matches();
  }

  /** {@code base[index]}. */
  static String at(String base, int index) {
    return base + "[" + index + "]";
  }

  /** A user value for a message: single-quoted, cut to 64 characters. */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() <= QUOTE_MAX ? value : value.substring(0, QUOTE_MAX) + "...";
    return "'" + shown + "'";
  }
}

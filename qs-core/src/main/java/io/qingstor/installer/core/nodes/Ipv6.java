package io.qingstor.installer.core.nodes;

import java.util.regex.Pattern;

/** The text of IPv6 interface addresses as `ip` and /proc print them, for the facts parser. */
final class Ipv6 {
  private static final Pattern GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
  private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");
  private static final int GROUPS = 8;

  private Ipv6() {}

  /** Returns whether {@code text} is an IPv6 address with a prefix length 0-128. */
  static boolean isCidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || !PREFIX.matcher(text.substring(slash + 1)).matches()
        || Integer.parseInt(text.substring(slash + 1)) > 128) {
      return false;
    }
    return isAddress(text.substring(0, slash));
  }

  /** Returns whether {@code text} is an IPv6 address, compressed ({@code ::}) or not. */
  static boolean isAddress(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    if (gap < 0) {
      return groupCount(text, true) == GROUPS;
    }
    int head = groupCount(text.substring(0, gap), false);
    int tail = groupCount(text.substring(gap + 2), true);
    return head >= 0 && tail >= 0 && head + tail < GROUPS;
  }

  /**
   * Counts the colon-separated groups of {@code part} (an embedded dotted IPv4 address at
   * the end, when allowed, counts as two); returns -1 when a group is malformed.
   */
  private static int groupCount(String part, boolean mayEndInIpv4) {
    if (part.isEmpty()) {
      return 0;
    }
    String[] groups = part.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      boolean last = i == groups.length - 1;
      if (last && mayEndInIpv4 && Ipv4.isAddress(groups[i])) {
        count += 2;
      } else if (GROUP.matcher(groups[i]).matches()) {
        count++;
      } else {
        return -1;
      }
    }
    return count;
  }
}

package io.qingstor.installer.core.nodes;

/** Shows untrusted text inside a message: quoted, control characters as '?', cut short. */
final class Quoted {
  private static final int MAX_SHOWN = 40;

  private Quoted() {}

  /** Returns {@code text} quoted for a message, at most {@value #MAX_SHOWN} characters of it. */
  static String of(String text) {
    StringBuilder shown = new StringBuilder("'");
    int end = Math.min(text.length(), MAX_SHOWN);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      shown.append(Character.isISOControl(c) ? '?' : c);
    }
    return shown.append(text.length() > MAX_SHOWN ? "...'" : "'").toString();
  }
}

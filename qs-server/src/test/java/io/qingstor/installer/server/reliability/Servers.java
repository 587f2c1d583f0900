package io.qingstor.installer.server.reliability;

/** Settings shared by the reliability tests. */
final class Servers {
  /** Whether the long variants run ({@code -Dqs.longTests=true}). */
  static final boolean LONG = Boolean.getBoolean("qs.longTests");

  private Servers() {}
}

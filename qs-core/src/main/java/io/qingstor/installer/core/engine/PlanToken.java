package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a dry run was computed from, as three fingerprints: the config (its env file with
 * secrets, nodes by IP), the plan (every step of every job) and the node inventory (each node's
 * address, user, credentials and vars, by address: nodes a config registers by IP compare equal
 * once registered). On the wire: {@code pt1-<config>-<plan>-<inventory>}, 16 hex digits each.
 * Nothing is stored: an apply recomputes the fingerprints and compares.
 */
record PlanToken(String config, String plan, String inventory) {
  private static final Pattern WIRE =
      Pattern.compile("pt1-([0-9a-f]{16})-([0-9a-f]{16})-([0-9a-f]{16})");

  /** Fingerprints of the three texts. */
  static PlanToken of(String configText, String planText, String inventoryText) {
    return new PlanToken(hash(configText), hash(planText), hash(inventoryText));
  }

  /** Parses a token a client sent; a malformed one is a 1100 naming {@code plan_token}. */
  static PlanToken parse(String wire) {
    Matcher m = WIRE.matcher(wire);
    if (!m.matches()) {
      throw QsApiException.invalidField("plan_token",
          "is not a token a dry run answered (pt1-... with three 16-digit parts)");
    }
    return new PlanToken(m.group(1), m.group(2), m.group(3));
  }

  String wire() {
    return "pt1-" + config + "-" + plan + "-" + inventory;
  }

  /**
   * Refuses (1400) when {@code now} differs from this token, saying what changed.
   *
   * @param action the action refused, for the message
   */
  void requireUnchanged(PlanToken now, String action) {
    List<String> changed = new ArrayList<>();
    if (!config.equals(now.config)) {
      changed.add("the config");
    }
    if (!plan.equals(now.plan)) {
      changed.add("the plan");
    }
    if (!inventory.equals(now.inventory)) {
      changed.add("the node inventory (a node added, removed or modified)");
    }
    if (!changed.isEmpty()) {
      throw new QsApiException(RetCode.PERMISSION_DENIED, action + " refused: "
          + String.join(" and ", changed) + " changed since the dry run of this plan_token;"
          + " run the dry run again and review what it shows");
    }
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}

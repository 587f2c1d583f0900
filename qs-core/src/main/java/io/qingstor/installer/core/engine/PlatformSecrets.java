package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.plan.PlanSecret;
import io.qingstor.installer.core.state.StateStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The plan's secrets of this platform: generated once (the first platform job), kept in the
 * store beside the node credentials, handed to scripts and templates, and scrubbed from every
 * log line. Thread-safe.
 */
final class PlatformSecrets {
  /** What replaces a secret in a log line. */
  static final String MASK = "******";

  private final StateStore store;
  private final List<PlanSecret> declared;
  private final SecureRandom random;
  private final Supplier<List<String>> otherSecrets;
  private volatile Map<String, String> values;

  /**
   * @param otherSecrets more values to scrub from logs (node become passwords), asked per line
   */
  PlatformSecrets(StateStore store, List<PlanSecret> declared, SecureRandom random,
      Supplier<List<String>> otherSecrets) {
    this.store = store;
    this.declared = List.copyOf(declared);
    this.random = random;
    this.otherSecrets = otherSecrets;
    this.values = Map.copyOf(store.loadSecrets());
  }

  /** Generates and stores every declared secret the platform does not have yet. */
  synchronized void ensure() {
    Map<String, String> next = new LinkedHashMap<>(values);
    for (PlanSecret secret : declared) {
      next.computeIfAbsent(secret.name(), n -> generate(secret));
    }
    if (!next.equals(values)) {
      store.saveSecrets(next);
      values = Map.copyOf(next);
    }
  }

  /** Forgets every generated secret (a reset); the next platform job generates new ones. */
  synchronized void forget() {
    store.saveSecrets(Map.of());
    values = Map.of();
  }

  /** The declared secrets' values by name (only those generated so far). */
  Map<String, String> values() {
    Map<String, String> current = values;
    Map<String, String> declaredValues = new LinkedHashMap<>();
    for (PlanSecret secret : declared) {
      String value = current.get(secret.name());
      if (value != null) {
        declaredValues.put(secret.name(), value);
      }
    }
    return declaredValues;
  }

  /** {@code text} with every secret value replaced by {@value #MASK}. */
  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    List<String> all = new ArrayList<>(values.values());
    all.addAll(otherSecrets.get());
    for (String secret : all) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }

  private String generate(PlanSecret secret) {
    String alphabet = secret.charset().alphabet();
    StringBuilder value = new StringBuilder(secret.length());
    for (int i = 0; i < secret.length(); i++) {
      value.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return value.toString();
  }
}

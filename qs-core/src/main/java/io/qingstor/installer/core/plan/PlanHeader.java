package io.qingstor.installer.core.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads a plan's top-level {@code vars}, {@code secrets} and {@code access_keys}. */
final class PlanHeader {
  static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  static final Pattern SECRET_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Set<String> SECRET_KEYS = Set.of("name", "length", "charset");
  private static final Set<String> ACCESS_KEY_KEYS = Set.of("access_key_id", "secret", "port_var");

  private PlanHeader() {}

  /** {@code ec_widths}: ec_type (0..25) -> nodes an EC cluster needs (1..64); absent: none. */
  static Map<Integer, Integer> ecWidths(Object value, String where) {
    Map<Integer, Integer> widths = new TreeMap<>();
    if (value == null) {
      return widths;
    }
    for (Map.Entry<?, ?> e : Yamls.map(value, where).entrySet()) {
      String at = where + "." + e.getKey();
      if (!(e.getKey() instanceof Integer type) || type < 0 || type > 25) {
        throw new PlanException(at + ": an ec_type must be an integer from 0 to 25");
      }
      if (e.getValue() == null) {
        throw new PlanException(at + ": must be an integer from 1 to 64");
      }
      widths.put(type, Yamls.integer(e.getValue(), 0, 1, 64, at));
    }
    return widths;
  }

  static Map<String, String> vars(Object value, String where) {
    Map<String, String> vars = new LinkedHashMap<>();
    if (value == null) {
      return vars;
    }
    for (Map.Entry<?, ?> e : Yamls.map(value, where).entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!(e.getKey() instanceof String)) {
        throw new PlanException(where + "." + name + ": a var name must be a string; quote it"
            + " (YAML reads on, off, yes and no as booleans)");
      }
      if (!VAR_NAME.matcher(name).matches() || name.startsWith("QS_")
          || name.startsWith("secret_")) {
        throw new PlanException(where + "." + name + ": a var name must match "
            + VAR_NAME.pattern() + " and not start with QS_ or secret_ (the installer's own)");
      }
      String text = Yamls.scalar(e.getValue(), where + "." + name);
      if (text.indexOf('\0') >= 0) {
        throw new PlanException(where + "." + name + ": must not contain a NUL character");
      }
      vars.put(name, text);
    }
    return vars;
  }

  static List<PlanSecret> secrets(Object value, String where) {
    List<PlanSecret> secrets = new ArrayList<>();
    if (value == null) {
      return secrets;
    }
    List<?> list = Yamls.list(value, where, "secrets");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = where + "[" + i + "]";
      Map<?, ?> secret = Yamls.map(list.get(i), at);
      Yamls.onlyKeys(secret, SECRET_KEYS, at);
      String name = Yamls.string(secret, "name", at, true);
      if (!SECRET_NAME.matcher(name).matches()) {
        throw new PlanException(at + ".name: must match " + SECRET_NAME.pattern());
      }
      if (name.equals(PlanSecret.ANSIBLE_SSH_PASS)) {
        throw new PlanException(at + ".name: " + name + " is the installer's own: firstbox scripts"
            + " see qs_conf.ansible_ssh_pass as secret_" + name + "; choose another name");
      }
      if (!names.add(name)) {
        throw new PlanException(at + ".name: duplicate secret " + name);
      }
      int length = Yamls.integer(secret.get("length"), 32, 16, 256, at + ".length");
      secrets.add(new PlanSecret(name, length, charset(secret, at)));
    }
    return secrets;
  }

  private static PlanSecret.Charset charset(Map<?, ?> secret, String where) {
    String value = Yamls.string(secret, "charset", where, false);
    if (value == null) {
      return PlanSecret.Charset.ALNUM;
    }
    for (PlanSecret.Charset c : PlanSecret.Charset.values()) {
      if (c.wireName().equals(value)) {
        return c;
      }
    }
    throw new PlanException(where + ".charset: must be one of alnum, hex, base64url, was "
        + value.toLowerCase(Locale.ROOT));
  }

  static List<PlanAccessKey> accessKeys(Object value, String where, List<PlanSecret> secrets,
      Map<String, String> vars) {
    List<PlanAccessKey> keys = new ArrayList<>();
    if (value == null) {
      return keys;
    }
    Set<String> declared = new HashSet<>();
    secrets.forEach(s -> declared.add(s.name()));
    List<?> list = Yamls.list(value, where, "access keys");
    for (int i = 0; i < list.size(); i++) {
      String at = where + "[" + i + "]";
      Map<?, ?> key = Yamls.map(list.get(i), at);
      Yamls.onlyKeys(key, ACCESS_KEY_KEYS, at);
      String id = Yamls.string(key, "access_key_id", at, true);
      String secret = Yamls.string(key, "secret", at, true);
      if (!declared.contains(secret)) {
        throw new PlanException(at + ".secret: " + secret + " is not a declared secret; declared: "
            + declared);
      }
      String portVar = Yamls.string(key, "port_var", at, true);
      if (!vars.containsKey(portVar)) {
        throw new PlanException(at + ".port_var: " + portVar + " is not a plan var; vars: "
            + vars.keySet());
      }
      keys.add(new PlanAccessKey(id, secret, portVar));
    }
    return keys;
  }
}

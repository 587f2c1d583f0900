package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Formats.at;
import static io.qingstor.installer.core.config.Formats.quote;

import io.qingstor.installer.api.model.QsConf;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks {@code qs_conf}: the required keys and their syntax, and the names of unknown keys
 * (kept and rendered as-is, so each must be safe as a YAML key and a shell variable).
 * Booleans need no rule: the JSON codec already rejects a wrong type.
 */
final class QsConfRules {
  private static final String PATH = "qs_conf";

  /** A required string key, the syntax it must have and how a message describes that syntax. */
  private record Syntax(
      String key, Function<QsConf, String> value, Predicate<String> valid, String expected) {}

  private static final List<Syntax> SYNTAX = List.of(
      new Syntax("firstbox", QsConf::firstbox, Formats::isIpv4,
          "the IPv4 address of the admin node"),
      new Syntax("iaas_domain", QsConf::iaasDomain, Formats::isDnsName, "a DNS name"),
      new Syntax("global_domain", QsConf::globalDomain, Formats::isDnsName, "a DNS name"));

  private final Problems problems;

  QsConfRules(Problems problems) {
    this.problems = problems;
  }

  void check(QsConf conf) {
    if (conf == null) {
      problems.error(PATH, "missing: the platform's environment (firstbox, zone_id, ...)");
      return;
    }
    for (Syntax syntax : SYNTAX) {
      checkSyntax(syntax, syntax.value().apply(conf));
    }
    checkPassword(conf.ansibleSshPass());
    checkZoneId(conf.zoneId());
    checkNetworks(conf.qsNetwork());
    conf.extra().keySet().forEach(this::checkUnknownKey);
  }

  private void checkSyntax(Syntax syntax, String value) {
    String path = PATH + "." + syntax.key();
    if (value == null) {
      problems.error(path, "missing: " + syntax.expected());
    } else if (!syntax.valid().test(value)) {
      problems.error(path, quote(value) + " is not " + syntax.expected());
    }
  }

  /** The password itself never appears in a message. */
  private void checkPassword(String password) {
    if (password == null || password.isEmpty()) {
      problems.error(PATH + ".ansible_ssh_pass",
          "missing: the root SSH password of the nodes, used to register nodes given by IP");
    }
  }

  private void checkZoneId(String zoneId) {
    String path = PATH + ".zone_id";
    if (zoneId == null) {
      problems.error(path, "missing: the zone id, lowercase [a-z0-9-]+");
    } else if (!Formats.isZoneId(zoneId)) {
      String lower = zoneId.toLowerCase(Locale.ROOT);
      problems.error(path, Formats.isZoneId(lower)
          ? quote(zoneId) + " has uppercase letters: zone_id must be lowercase (" + quote(lower)
              + "); declare a zone spelled otherwise in customed_zones"
          : quote(zoneId) + " is not a zone id: lowercase letters, digits and '-' only");
    }
  }

  private void checkNetworks(List<String> networks) {
    String path = PATH + ".qs_network";
    if (networks == null || networks.isEmpty()) {
      problems.error(path, "must list at least one IPv4 CIDR (e.g. 192.168.10.0/24)");
      return;
    }
    for (int i = 0; i < networks.size(); i++) {
      if (!Formats.isIpv4Cidr(networks.get(i))) {
        problems.error(at(path, i), quote(networks.get(i)) + " is not an IPv4 CIDR");
      }
    }
  }

  private void checkUnknownKey(String key) {
    if (!Formats.isIdentifier(key)) {
      problems.error(PATH + "." + key, "the key " + quote(key)
          + " is not a plain identifier [A-Za-z_][A-Za-z0-9_]*: it becomes a YAML key and a"
          + " shell variable");
    }
  }
}

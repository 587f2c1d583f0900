package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.assertOnlyError;
import static io.qingstor.installer.core.config.Fixtures.parse;
import static io.qingstor.installer.core.config.Fixtures.qsConf;
import static io.qingstor.installer.core.config.Fixtures.seedJson;
import static io.qingstor.installer.core.config.Fixtures.strings;
import static io.qingstor.installer.core.config.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class QsConfRulesTest {

  @Test
  void missingQsConfIsAnError() {
    ObjectNode json = seedJson();
    json.remove("qs_conf");

    assertOnlyError(validate(json), "qs_conf", "missing");
  }

  @Test
  void firstboxMustBeAnIpv4Address() {
    ObjectNode json = seedJson();
    qsConf(json).put("firstbox", "firstbox.local");

    assertOnlyError(validate(json), "qs_conf.firstbox", "'firstbox.local' is not the IPv4");
  }

  @Test
  void firstboxIsRequired() {
    ObjectNode json = seedJson();
    qsConf(json).remove("firstbox");

    assertOnlyError(validate(json), "qs_conf.firstbox", "missing");
  }

  @Test
  void ipv4WithLeadingZeroOrOutOfRangeOctetIsRejected() {
    for (String bad : new String[] {"10.0.0.01", "10.0.0.256", "10.0.0", "10.0.0.1.2", " 1.2.3.4"}) {
      ObjectNode json = seedJson();
      qsConf(json).put("firstbox", bad);

      assertOnlyError(validate(json), "qs_conf.firstbox", "is not the IPv4");
    }
  }

  @Test
  void emptyAnsibleSshPassIsAnErrorThatDoesNotEchoIt() {
    ObjectNode json = seedJson();
    qsConf(json).put("ansible_ssh_pass", "");

    assertOnlyError(validate(json), "qs_conf.ansible_ssh_pass", "missing");
  }

  @Test
  void missingAnsibleSshPassIsAnError() {
    ObjectNode json = seedJson();
    qsConf(json).remove("ansible_ssh_pass");

    assertOnlyError(validate(json), "qs_conf.ansible_ssh_pass", "root SSH password");
  }

  @Test
  void lowercaseZoneIdWithDigitsAndHyphensIsAccepted() {
    ObjectNode json = seedJson();
    qsConf(json).put("zone_id", "pek3-a1");

    assertThat(validate(json).errors()).isEmpty();
  }

  @Test
  void uppercaseZoneIdIsAnErrorPointingToCustomedZones() {
    ObjectNode json = seedJson();
    qsConf(json).put("zone_id", "Test");

    assertOnlyError(validate(json), "qs_conf.zone_id", "customed_zones");
  }

  @Test
  void zoneIdWithOtherCharactersIsAnError() {
    ObjectNode json = seedJson();
    qsConf(json).put("zone_id", "zone_1");

    assertOnlyError(validate(json), "qs_conf.zone_id", "lowercase letters, digits and '-' only");
  }

  @Test
  void zoneIdIsRequired() {
    ObjectNode json = seedJson();
    qsConf(json).remove("zone_id");

    assertOnlyError(validate(json), "qs_conf.zone_id", "missing");
  }

  @Test
  void iaasDomainMustBeADnsName() {
    ObjectNode json = seedJson();
    qsConf(json).put("iaas_domain", "test..com");

    assertOnlyError(validate(json), "qs_conf.iaas_domain", "is not a DNS name");
  }

  @Test
  void globalDomainMustBeADnsName() {
    ObjectNode json = seedJson();
    qsConf(json).put("global_domain", "-stor.test.com");

    assertOnlyError(validate(json), "qs_conf.global_domain", "is not a DNS name");
  }

  @Test
  void globalDomainIsRequired() {
    ObjectNode json = seedJson();
    qsConf(json).remove("global_domain");

    assertOnlyError(validate(json), "qs_conf.global_domain", "missing");
  }

  @Test
  void dnsNameLongerThan253CharactersIsRejected() {
    ObjectNode json = seedJson();
    qsConf(json).put("iaas_domain", ("a".repeat(60) + ".").repeat(5) + "com");

    assertOnlyError(validate(json), "qs_conf.iaas_domain", "is not a DNS name");
  }

  @Test
  void qsNetworkMustNotBeEmpty() {
    ObjectNode json = seedJson();
    qsConf(json).set("qs_network", strings());

    assertOnlyError(validate(json), "qs_conf.qs_network", "at least one IPv4 CIDR");
  }

  @Test
  void qsNetworkEntriesMustBeIpv4Cidrs() {
    ObjectNode json = seedJson();
    qsConf(json).set("qs_network", strings("10.0.0.0/8", "10.1.0.0/33", "10.2.0.0"));

    assertThat(validate(json).errors()).extracting("field")
        .containsExactly("qs_conf.qs_network[1]", "qs_conf.qs_network[2]");
  }

  @Test
  void unknownKeysWithPlainIdentifierNamesAreKeptInOrder() {
    ObjectNode json = seedJson();
    qsConf(json).put("ntp_server", "10.0.0.1");
    qsConf(json).put("_Dns2", 2);

    ConfigCheck check = validate(json);

    assertThat(check.errors()).isEmpty();
    assertThat(check.config().qsConf().extra()).containsExactly(
        entry("ntp_server", "10.0.0.1"),
        entry("_Dns2", 2));
  }

  @Test
  void unknownKeyThatIsNoPlainIdentifierIsAnError() {
    ObjectNode json = seedJson();
    qsConf(json).put("ntp-server", "10.0.0.1");

    assertOnlyError(validate(json), "qs_conf.ntp-server", "not a plain identifier");
  }

  @Test
  void nodeSectionsInsideQsConfAreAccepted() {
    ObjectNode json = seedJson();
    qsConf(json).set("access_nodes", json.remove("access_nodes"));
    qsConf(json).set("storage_nodes", json.remove("storage_nodes"));

    ConfigCheck check = validate(json);

    assertThat(check.errors()).isEmpty();
    assertThat(check.config()).isEqualTo(Fixtures.seedConfig());
  }

  @Test
  void nodeSectionGivenInsideAndBesideQsConfIsAnError() {
    ObjectNode json = seedJson();
    qsConf(json).set("storage_nodes", json.get("storage_nodes").deepCopy());

    assertOnlyError(validate(json), "qs_conf.storage_nodes", "both inside qs_conf and beside it");
  }

  @Test
  void accessSectionGivenInsideAndBesideQsConfIsAnError() {
    ObjectNode json = seedJson();
    qsConf(json).set("access_nodes", parse("{\"intranet\": {\"interface\": \"eth0\"}}"));

    assertOnlyError(validate(json), "qs_conf.access_nodes", "both inside qs_conf and beside it");
  }
}

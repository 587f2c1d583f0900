package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.NetInterface;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FactsParserTest {
  private static final Instant AT = Instant.parse("2026-03-01T08:30:05Z");
  private static final String HEADER = "facts-version 1\n";

  private static String sample(String name) {
    try (InputStream in = FactsParserTest.class.getResourceAsStream("/nodes/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HardwareFacts parse(String body) {
    return FactsParser.parse(HEADER + body, AT);
  }

  @Test
  void readsACentos7StorageNode() {
    HardwareFacts facts = FactsParser.parse(sample("centos7-storage.facts"), AT);

    assertThat(facts.hostname()).isEqualTo("qs-storage-03");
    assertThat(facts.os()).isEqualTo("CentOS Linux 7 (Core)");
    assertThat(facts.kernel()).isEqualTo("3.10.0-1160.108.1.el7.x86_64");
    assertThat(facts.arch()).isEqualTo("x86_64");
    assertThat(facts.cpus()).isEqualTo(32);
    assertThat(facts.memoryBytes()).isEqualTo(131746344L * 1024);
    assertThat(facts.blockDevices()).containsExactly(
        new BlockDevice("sda", 1953525168L * 512, true, true),
        new BlockDevice("sdb", 7814037168L * 512, true, false),
        new BlockDevice("sdc", 7814037168L * 512, true, false),
        new BlockDevice("sdd", 7814037168L * 512, true, false));
    assertThat(facts.interfaces()).containsExactly(
        new NetInterface("eth0", "0c:c4:7a:8e:21:f0",
            List.of("172.16.10.23/24", "fe80::ec4:7aff:fe8e:21f0/64")),
        new NetInterface("eth1", "0c:c4:7a:8e:21:f1",
            List.of("10.100.0.23/16", "fe80::ec4:7aff:fe8e:21f1/64")),
        new NetInterface("lo", "00:00:00:00:00:00", List.of("127.0.0.1/8", "::1/128")));
    assertThat(facts.collectTime()).isEqualTo("2026-03-01 08:30:05");
  }

  @Test
  void readsAnUbuntuAccessNodeWithNvmeAndBonds() {
    HardwareFacts facts = FactsParser.parse(sample("ubuntu2204-access.facts"), AT);

    assertThat(facts.os()).isEqualTo("Ubuntu 22.04.3 LTS");
    assertThat(facts.blockDevices()).extracting(BlockDevice::name, BlockDevice::rotational,
            BlockDevice::mounted)
        .containsExactly(tuple("nvme0n1", false, true),
            tuple("nvme1n1", false, false));
    assertThat(facts.interfaces()).extracting(NetInterface::name)
        .containsExactly("bond0", "bond1", "eno1", "eno2", "ens1f0", "ens1f1", "lo");
    assertThat(facts.interfaces().get(0).addresses())
        .containsExactly("10.16.1.11/24", "10.16.1.100/32", "fe80::ba59:9fff:fe2c:4e10/64");
    assertThat(facts.interfaces().get(2).addresses()).as("a bond slave has none").isEmpty();
  }

  @Test
  void readsAMinimalBusyboxBoxLeavingMissingFactsNull() {
    HardwareFacts facts = FactsParser.parse(sample("busybox-minimal.facts"), AT);

    assertThat(facts.os()).isNull();
    assertThat(facts.arch()).isEqualTo("armv7l");
    assertThat(facts.blockDevices()).containsExactly(
        new BlockDevice("mmcblk0", 62333952L * 512, false, true));
    assertThat(facts.interfaces()).containsExactly(
        new NetInterface("eth0", "b8:27:eb:12:34:56",
            List.of("192.168.1.50/24", "fe80:0:0:0:ba27:ebff:fe12:3456/64")),
        new NetInterface("lo", "00:00:00:00:00:00", List.of("127.0.0.1/8", "0:0:0:0:0:0:0:1/128")),
        new NetInterface("wlan0", null, List.of()));
  }

  @Test
  void aHeaderAloneGivesNullsAndEmptyLists() {
    assertThat(parse("")).isEqualTo(
        new HardwareFacts(null, null, null, null, null, null, List.of(), List.of(),
            "2026-03-01 08:30:05"));
  }

  @Test
  void ignoresLinesOfUnknownKindsAndBlankLines() {
    HardwareFacts facts = parse("\ngpu 0 NVIDIA A100\nnuma_nodes 2\nhostname h1\n\n"
        + "# a comment\nhostname\u00e9 x\n");

    assertThat(facts.hostname()).isEqualTo("h1");
  }

  @Test
  void acceptsCrlfLineEnds() {
    HardwareFacts facts = FactsParser.parse("facts-version 1\r\ncpus 4\r\ndisk sda 10 1 0\r\n", AT);

    assertThat(facts.cpus()).isEqualTo(4);
    assertThat(facts.blockDevices()).containsExactly(new BlockDevice("sda", 5120L, true, false));
  }

  @Test
  void hostileValuesAreKeptAsPlainTextWithoutControlCharacters() {
    HardwareFacts facts = parse("hostname a$(id)\tb`reboot`;rm -rf /\n"
        + "os '; DROP TABLE nodes; -- \u0007\n");

    assertThat(facts.hostname()).isEqualTo("a$(id)b`reboot`;rm -rf /");
    assertThat(facts.os()).isEqualTo("'; DROP TABLE nodes; --");
  }

  @Test
  void anAddressBeforeItsInterfaceLineStillGetsTheMac() {
    HardwareFacts facts = parse("addr eth0 10.0.0.5/24\niface eth0 0C:C4:7A:00:00:01\n");

    assertThat(facts.interfaces()).containsExactly(
        new NetInterface("eth0", "0c:c4:7a:00:00:01", List.of("10.0.0.5/24")));
  }

  @Test
  void anAddressOfAnUndeclaredInterfaceMakesOneWithoutMac() {
    assertThat(parse("addr tun0 10.8.0.1/32\naddr tun0 10.8.0.1/32\n").interfaces())
        .containsExactly(new NetInterface("tun0", null, List.of("10.8.0.1/32")));
  }

  @Test
  void emptyOutputIsNotFactsOutput() {
    assertThatThrownBy(() -> FactsParser.parse("\n \n", AT))
        .isInstanceOf(FactsParseException.class)
        .hasMessageContaining("line 1").hasMessageContaining("not facts.sh output");
  }

  @Test
  void outputNotStartingWithTheVersionIsRefusedAtItsFirstLine() {
    assertThatThrownBy(() -> FactsParser.parse("\nbash: sh: command not found\n", AT))
        .isInstanceOfSatisfying(FactsParseException.class,
            e -> assertThat(e.lineNumber()).isEqualTo(2))
        .hasMessageContaining("expected 'facts-version 1' first");
  }

  @Test
  void anUnsupportedVersionIsRefused() {
    assertThatThrownBy(() -> FactsParser.parse("facts-version 2\nhostname h\n", AT))
        .isInstanceOf(FactsParseException.class)
        .hasMessageContaining("unsupported facts-version '2'");
  }

  static Stream<Arguments> malformedLines() {
    return Stream.of(
        Arguments.of("hostname ", "'hostname' has no value"),
        Arguments.of("os \u0001\u0002", "'os' has no value"),
        Arguments.of("hostname " + "h".repeat(1025), "longer than 1024"),
        Arguments.of("cpus four", "'cpus' needs a whole number 1-1048576, got 'four'"),
        Arguments.of("cpus 0", "'cpus' needs a whole number"),
        Arguments.of("cpus -1", "'cpus' needs a whole number"),
        Arguments.of("cpus 4 8", "'cpus' needs 1 field(s)"),
        Arguments.of("cpus", "'cpus' needs 1 field(s)"),
        Arguments.of("mem_kb 12.5", "'mem_kb' needs a whole number"),
        Arguments.of("mem_kb 99999999999999999999", "'mem_kb' needs a whole number"),
        Arguments.of("mem_kb 9007199254740992", "'mem_kb' needs a whole number"),
        Arguments.of("disk sda 100 1", "'disk' needs 4 field(s)"),
        Arguments.of("disk sda 100 1 0 extra", "'disk' needs 4 field(s)"),
        Arguments.of("disk sda  100 1 0", "'disk' needs 4 field(s)"),
        Arguments.of("disk sda 1e9 1 0", "'disk' needs a whole number"),
        Arguments.of("disk sda 100 yes 0", "'disk' needs rotational 0, 1 or -, got 'yes'"),
        Arguments.of("disk sda 100 1 2", "'disk' needs mounted 0, 1 or -"),
        Arguments.of("disk sd\ta 100 1 0", "control character"),
        Arguments.of("iface eth0 zz:00:00:00:00:00", "'iface' needs a MAC address"),
        Arguments.of("iface eth0", "'iface' needs 2 field(s)"),
        Arguments.of("addr eth0 10.0.0.1", "'addr' needs an IPv4 or IPv6 address"),
        Arguments.of("addr eth0 10.0.0.256/24", "'addr' needs an IPv4 or IPv6 address"),
        Arguments.of("addr eth0 fe80::1/129", "'addr' needs an IPv4 or IPv6 address"),
        Arguments.of("addr eth0 $(id)/24", "'addr' needs an IPv4 or IPv6 address"));
  }

  @ParameterizedTest
  @MethodSource("malformedLines")
  void aMalformedKnownLineIsRefusedNamingItsNumber(String line, String problem) {
    assertThatThrownBy(() -> parse("kernel k\n" + line + "\n"))
        .isInstanceOfSatisfying(FactsParseException.class,
            e -> assertThat(e.lineNumber()).isEqualTo(3))
        .hasMessageStartingWith("facts output line 3: ")
        .hasMessageContaining(problem);
  }

  @Test
  void problemsQuoteValuesWithoutControlCharactersAndCutShort() {
    assertThatThrownBy(() -> parse("cpus \u001b[31m" + "9".repeat(100) + "\n"))
        .hasMessageContaining("'?[31m999")
        .hasMessageContaining("...'")
        .hasMessageNotContaining("\u001b");
  }

  static Stream<Arguments> repeatedLines() {
    return Stream.of(
        Arguments.of("hostname a\nhostname b", "repeats 'hostname' (first on line 2)"),
        Arguments.of("cpus 1\ncpus 1", "repeats 'cpus'"),
        Arguments.of("facts-version 1", "repeats 'facts-version'"),
        Arguments.of("disk sda 1 1 0\ndisk sda 1 1 0", "repeats disk 'sda'"),
        Arguments.of("iface eth0 -\niface eth0 -", "repeats iface 'eth0'"));
  }

  @ParameterizedTest
  @MethodSource("repeatedLines")
  void aRepeatedSingleFactIsRefused(String lines, String problem) {
    assertThatThrownBy(() -> parse(lines + "\n"))
        .isInstanceOf(FactsParseException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void parsesTheSizeOfADiskInSectorsAsBytesAndUnknownsAsNull() {
    assertThat(parse("disk vdz - - -\ndisk sdq 0 0 1\n").blockDevices()).containsExactly(
        new BlockDevice("vdz", null, null, null), new BlockDevice("sdq", 0L, false, true));
  }
}

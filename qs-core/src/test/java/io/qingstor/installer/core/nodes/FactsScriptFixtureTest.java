package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.NetInterface;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs facts.sh against fake /proc, /sys and /etc trees (FACTS_ROOT) and fake commands on
 * PATH, to pin what it makes of storage and network layouts this machine does not have.
 */
class FactsScriptFixtureTest {
  @TempDir Path root;
  @TempDir Path bin;

  static Stream<String> shells() {
    return Shells.all();
  }

  private HardwareFacts collect(String shell) {
    Shells.assumeInstalled(shell);
    ScriptRun run = ScriptRun.of(shell, Map.of("FACTS_ROOT", root.toString(), "PATH",
        bin.toString()));
    assertThat(run.exitCode()).isZero();
    return FactsParser.parse(run.stdout(), Instant.EPOCH);
  }

  private FixtureTree tree() {
    return new FixtureTree(root);
  }

  private FixtureTree disk(String name, String dev, String sectors, String rotational) {
    return tree().file("sys/block/" + name + "/dev", dev + "\n")
        .file("sys/block/" + name + "/size", sectors + "\n")
        .file("sys/block/" + name + "/queue/rotational", rotational + "\n");
  }

  private FixtureTree partition(String disk, String name, String dev) {
    String at = "sys/block/" + disk + "/" + name + "/";
    return tree().file(at + "partition", "1\n").file(at + "dev", dev + "\n");
  }

  private static BlockDevice device(HardwareFacts facts, String name) {
    return facts.blockDevices().stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no disk " + name + " in " + facts.blockDevices()));
  }

  private static NetInterface iface(HardwareFacts facts, String name) {
    return facts.interfaces().stream().filter(i -> i.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no iface " + name + " in " + facts.interfaces()));
  }

  @ParameterizedTest
  @MethodSource("shells")
  void printsOnlyTheVersionWhenNothingCanBeRead(String shell) {
    Shells.assumeInstalled(shell);

    ScriptRun run = ScriptRun.of(shell, Map.of("FACTS_ROOT", root.toString(), "PATH",
        bin.toString()));

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("facts-version 1\n");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void readsHostOsKernelCpusAndMemoryFromProcAndEtc(String shell) {
    tree().file("proc/sys/kernel/hostname", "store-1\n")
        .file("proc/sys/kernel/osrelease", "3.10.0-1160.el7.x86_64\n")
        .file("etc/os-release", "NAME=\"CentOS Linux\"\nPRETTY_NAME=\"CentOS Linux 7 (Core)\"\n")
        .file("sys/devices/system/cpu/online", "0-3,6,8-9\n")
        .file("proc/meminfo", "MemTotal:       16314460 kB\nMemFree:         1000 kB\n");

    HardwareFacts facts = collect(shell);

    assertThat(facts.hostname()).isEqualTo("store-1");
    assertThat(facts.os()).isEqualTo("CentOS Linux 7 (Core)");
    assertThat(facts.kernel()).isEqualTo("3.10.0-1160.el7.x86_64");
    assertThat(facts.cpus()).isEqualTo(7);
    assertThat(facts.memoryBytes()).isEqualTo(16314460L * 1024);
    assertThat(facts.arch()).as("no uname on PATH").isNull();
  }

  @ParameterizedTest
  @MethodSource("shells")
  void countsProcessorsInCpuinfoWhenSysfsHasNoOnlineList(String shell) {
    tree().file("proc/cpuinfo", "processor\t: 0\nmodel name\t: x\n\nprocessor\t: 1\n");

    assertThat(collect(shell).cpus()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("shells")
  void neverEvaluatesWhatItReadsAndStripsControlCharacters(String shell) {
    tree().file("proc/sys/kernel/hostname", "evil\t$(echo injected)\n")
        .file("etc/os-release", "PRETTY_NAME='Linux `echo tick` $HOME;\u0001 reboot'\n");

    HardwareFacts facts = collect(shell);

    assertThat(facts.hostname()).isEqualTo("evil$(echo injected)");
    assertThat(facts.os()).isEqualTo("Linux `echo tick` $HOME; reboot");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void fallsBackToRedhatReleaseWithoutOsRelease(String shell) {
    tree().file("etc/redhat-release", "CentOS release 6.10 (Final)\n");

    assertThat(collect(shell).os()).isEqualTo("CentOS release 6.10 (Final)");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void reportsSizeAndRotationOfDisksAndSkipsVirtualOnes(String shell) {
    disk("sdb", "8:16", "7814037168", "1");
    disk("nvme0n1", "259:0", "937703088", "0");
    tree().dir("sys/block/vdz");
    for (String skipped : new String[] {"loop0", "ram0", "zram0", "fd0", "sr0"}) {
      disk(skipped, "7:0", "1000", "1");
    }

    HardwareFacts facts = collect(shell);

    assertThat(facts.blockDevices()).extracting(BlockDevice::name)
        .containsExactlyInAnyOrder("sdb", "nvme0n1", "vdz");
    assertThat(device(facts, "sdb")).isEqualTo(
        new BlockDevice("sdb", 7814037168L * 512, true, null));
    assertThat(device(facts, "nvme0n1").rotational()).isFalse();
    assertThat(device(facts, "vdz")).isEqualTo(new BlockDevice("vdz", null, null, null));
  }

  @ParameterizedTest
  @MethodSource("shells")
  void aDiskIsMountedThroughItselfItsPartitionsTheirHoldersOrSwap(String shell) {
    disk("sda", "8:0", "1953525168", "1");
    partition("sda", "sda1", "8:1");
    partition("sda", "sda2", "8:2").file("sys/block/sda/sda2/holders/dm-0", "");
    disk("dm-0", "253:0", "1000000", "0").file("sys/block/dm-0/dm/name", "centos-root\n");
    disk("sdb", "8:16", "1000", "1");
    partition("sdb", "sdb1", "8:17");
    disk("sdc", "8:32", "1000", "1");
    disk("nvme0n1", "259:0", "1000", "0");
    partition("nvme0n1", "nvme0n1p1", "259:1");
    disk("sdd", "8:48", "1000", "1");
    partition("sdd", "sdd1", "8:49");
    tree().file("proc/self/mountinfo",
            "22 1 253:0 / / rw,relatime - xfs /dev/root rw\n"
                + "30 22 259:1 / /data rw - xfs /dev/disk/by-uuid/0b1c rw\n")
        .file("proc/mounts", "/dev/root / xfs rw 0 0\n/dev/sdb1 /boot xfs rw 0 0\n")
        .file("proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n"
            + "/dev/sdc                                partition\t8388604\t0\t-2\n");

    HardwareFacts facts = collect(shell);

    assertThat(device(facts, "sda").mounted()).as("via holder dm-0").isTrue();
    assertThat(device(facts, "dm-0").mounted()).as("by major:minor").isTrue();
    assertThat(device(facts, "sdb").mounted()).as("partition by name").isTrue();
    assertThat(device(facts, "sdc").mounted()).as("swap").isTrue();
    assertThat(device(facts, "nvme0n1").mounted()).as("partition by major:minor").isTrue();
    assertThat(device(facts, "sdd").mounted()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("shells")
  void aDiskMountedThroughDeviceMapperNameCountsAsMounted(String shell) {
    disk("sda", "8:0", "1000", "1").file("sys/block/sda/holders/dm-3", "");
    disk("dm-3", "253:3", "1000", "0").file("sys/block/dm-3/dm/name", "vg-data\n");
    tree().file("proc/mounts", "/dev/mapper/vg-data /data xfs rw 0 0\n");

    assertThat(device(collect(shell), "sda").mounted()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("shells")
  void readsInterfacesAndMacsFromSysfsAndIpv6FromProcWithoutIp(String shell) {
    tree().file("sys/class/net/eth0/address", "0c:c4:7a:8e:21:f0\n")
        .file("sys/class/net/lo/address", "00:00:00:00:00:00\n")
        .file("sys/class/net/wg0/address", "\n")
        .file("sys/class/net/bonding_masters", "bond0\n")
        .file("proc/net/if_inet6", "fe800000000000000ec47afffe8e21f0 02 40 20 80     eth0\n"
            + "00000000000000000000000000000001 01 80 10 80       lo\n");

    HardwareFacts facts = collect(shell);

    assertThat(facts.interfaces()).extracting(NetInterface::name)
        .containsExactlyInAnyOrder("eth0", "lo", "wg0");
    assertThat(iface(facts, "eth0")).isEqualTo(new NetInterface("eth0", "0c:c4:7a:8e:21:f0",
        List.of("fe80:0:0:0:ec4:7aff:fe8e:21f0/64")));
    assertThat(iface(facts, "lo").addresses()).containsExactly("0:0:0:0:0:0:0:1/128");
    assertThat(iface(facts, "wg0").mac()).isNull();
  }

  @ParameterizedTest
  @MethodSource("shells")
  void namesInterfacesFromProcNetDevWithoutSysfs(String shell) {
    tree().file("proc/net/dev", "Inter-|   Receive                |  Transmit\n"
        + " face |bytes    packets errs drop|bytes\n"
        + "    lo:  123 4 0 0 123\n  eth0: 456 7 0 0 789\n");

    assertThat(collect(shell).interfaces()).containsExactly(
        new NetInterface("lo", null, null), new NetInterface("eth0", null, null));
  }

  @ParameterizedTest
  @MethodSource("shells")
  void takesAddressesFromIpAsDataOnly(String shell) {
    new FixtureTree(bin).command("ip", "/nodes/ip-addr-hostile.txt");
    tree().file("sys/class/net/bond0/address", "b8:59:9f:2c:4e:10\n");

    HardwareFacts facts = collect(shell);

    assertThat(iface(facts, "lo").addresses()).containsExactly("127.0.0.1/8", "::1/128");
    assertThat(iface(facts, "bond0")).isEqualTo(new NetInterface("bond0", "b8:59:9f:2c:4e:10",
        List.of("10.16.1.11/24", "10.16.1.100/32")));
    assertThat(iface(facts, "tun0").addresses()).as("point-to-point")
        .containsExactly("10.8.0.1/32");
    assertThat(iface(facts, "veth0").addresses()).containsExactly("fe80::1/64");
    assertThat(facts.interfaces()).extracting(NetInterface::name).doesNotContain("evil", "can0");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void takesIpv4FromBusyboxIfconfigWithoutIp(String shell) {
    new FixtureTree(bin).command("ifconfig", "/nodes/ifconfig-busybox.txt");

    HardwareFacts facts = collect(shell);

    assertThat(iface(facts, "eth0").addresses())
        .containsExactly("192.168.1.50/24", "192.168.1.51/24");
    assertThat(iface(facts, "lo").addresses()).containsExactly("127.0.0.1/8");
    assertThat(facts.interfaces()).extracting(NetInterface::name)
        .as("a non-contiguous netmask is no address").doesNotContain("bad");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void takesIpv4FromNetTools2IfconfigWithoutIp(String shell) {
    new FixtureTree(bin).command("ifconfig", "/nodes/ifconfig-net-tools2.txt");

    HardwareFacts facts = collect(shell);

    assertThat(iface(facts, "ens3").addresses()).containsExactly("172.16.10.23/24");
    assertThat(iface(facts, "lo").addresses()).containsExactly("127.0.0.1/8");
  }
}

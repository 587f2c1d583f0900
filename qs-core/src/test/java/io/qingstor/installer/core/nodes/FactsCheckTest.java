package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.NetInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactsCheckTest {
  private static final HardwareFacts NODE = new HardwareFacts("h", null, null, null, 4, 1L,
      List.of(new BlockDevice("sda", 1L, true, true), new BlockDevice("sdb", 1L, true, false)),
      List.of(new NetInterface("bond0", null, List.of()), new NetInterface("lo", null, List.of())),
      "2026-01-01 00:00:00");
  private static final HardwareFacts NOTHING =
      new HardwareFacts(null, null, null, null, null, null, null, null, null);

  @Test
  void anInterfaceTheNodeHasIsNotMissing() {
    assertThat(FactsCheck.missingInterface(NODE, "bond0")).isEmpty();
  }

  @Test
  void aMissingInterfaceIsNamedWithThoseTheNodeHas() {
    assertThat(FactsCheck.missingInterface(NODE, "eth0"))
        .contains("no interface eth0; the node has bond0, lo");
  }

  @Test
  void aNodeWithoutInterfacesSaysNone() {
    assertThat(FactsCheck.missingInterface(NOTHING, "eth0"))
        .contains("no interface eth0; the node has none");
  }

  @Test
  void blockDevicesTheNodeHasAreNotMissing() {
    assertThat(FactsCheck.missingBlockDevices(NODE, List.of("sdb", "sda"))).isEmpty();
  }

  @Test
  void everyMissingBlockDeviceIsNamedOnceWithThoseTheNodeHas() {
    assertThat(FactsCheck.missingBlockDevices(NODE, List.of("sdb", "sdc", "sdd", "sdc")))
        .contains("no block device sdc, sdd; the node has sda, sdb");
  }

  @Test
  void aNodeWithoutBlockDevicesSaysNone() {
    assertThat(FactsCheck.missingBlockDevices(NOTHING, List.of("sdb")))
        .contains("no block device sdb; the node has none");
  }
}

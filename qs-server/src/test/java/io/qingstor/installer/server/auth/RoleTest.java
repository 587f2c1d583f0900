package io.qingstor.installer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {
  @Test
  void wireNamesAreLowercase() {
    assertThat(Role.ADMIN.wireName()).isEqualTo("admin");
    assertThat(Role.OPERATOR.wireName()).isEqualTo("operator");
    assertThat(Role.VIEWER.wireName()).isEqualTo("viewer");
  }

  @Test
  void fromWireReadsEveryWireName() {
    for (Role role : Role.values()) {
      assertThat(Role.fromWire(role.wireName())).contains(role);
    }
  }

  @Test
  void fromWireRejectsOtherSpellingsAndNull() {
    assertThat(Role.fromWire("ADMIN")).isEmpty();
    assertThat(Role.fromWire(" admin")).isEmpty();
    assertThat(Role.fromWire("root")).isEmpty();
    assertThat(Role.fromWire(null)).isEmpty();
  }
}

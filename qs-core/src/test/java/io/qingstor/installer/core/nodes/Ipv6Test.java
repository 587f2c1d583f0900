package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6Test {
  @ParameterizedTest
  @ValueSource(strings = {"::/0", "::1/128", "fe80::1/64", "2001:db8:0:12::11/64",
      "fe80:0:0:0:ec4:7aff:fe8e:21f0/64", "1::/16", "::ffff:10.0.0.1/96", "FE80::A/10",
      "1:2:3:4:5:6:10.0.0.1/128"})
  void ipv6AddressesWithPrefixLengthsAreCidrs(String text) {
    assertThat(Ipv6.isCidr(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fe80::1", "fe80::1/129", "fe80::1/", "fe80::1/064",
      "1:2:3:4:5:6:7:8:9/64", "1:2:3:4:5:6:7/64", "1::2::3/64", ":1/64", "1:/64", "fe80::1:/64", "12345::/64",
      "g::/64", "10.0.0.1/24", "1.2.3.4::/64", "1:2:3:4:5:6:7::8/64", "fe80::1%eth0/64"})
  void malformedTextIsNot(String text) {
    assertThat(Ipv6.isCidr(text)).isFalse();
  }
}

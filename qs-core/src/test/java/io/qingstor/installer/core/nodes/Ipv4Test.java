package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {
  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "192.168.1.10", "255.255.255.255", "1.2.3.4"})
  void dottedQuadsOfOctetsAreAddresses(String text) {
    assertThat(Ipv4.isAddress(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0", "10.0.0.1.2", "256.0.0.1", "10.0.0.01", "010.0.0.1",
      "10.0.0.1 ", " 10.0.0.1", "10.0.0.-1", "10..0.1", "a.b.c.d", "::1", "10.0.0.1/24",
      "١٠.0.0.1", "1e1.0.0.1"})
  void anythingElseIsNotAnAddress(String text) {
    assertThat(Ipv4.isAddress(text)).isFalse();
  }

  @Test
  void nullIsNeitherAnAddressNorACidr() {
    assertThat(Ipv4.isAddress(null)).isFalse();
    assertThat(Ipv4.isCidr(null)).isFalse();
    assertThat(Ipv4.isUnicastHost(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/8", "10.0.0.5/24", "0.0.0.0/0", "192.168.1.1/32"})
  void addressesWithAPrefixLengthUpTo32AreCidrs(String text) {
    assertThat(Ipv4.isCidr(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/08", "10.0.0.0/-1",
      "10.0.0.0/24/1", "10.0.0.256/24", "/24", "fe80::1/64"})
  void othersAreNotCidrs(String text) {
    assertThat(Ipv4.isCidr(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0.0", "10.0.0.1", "127.0.0.1", "223.255.255.255"})
  void firstOctets1To223AreUnicastHosts(String text) {
    assertThat(Ipv4.isUnicastHost(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "224.0.0.1", "239.1.1.1", "240.0.0.1",
      "255.255.255.255", "300.1.1.1"})
  void thisNetworkMulticastAndReservedAreNotUnicastHosts(String text) {
    assertThat(Ipv4.isUnicastHost(text)).isFalse();
  }
}

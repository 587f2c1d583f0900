package io.qingstor.installer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteWorkTest {

  @Test
  void overlappingWorkOnSeveralNodesCountsOnce() {
    RemoteWork work = new RemoteWork();
    work.add(10, 50);
    work.add(20, 40);
    work.add(30, 70);

    assertThat(work.busyNanos(0, 100)).isEqualTo(60);
  }

  @Test
  void gapsWithNothingInFlightAreNotRemoteWork() {
    RemoteWork work = new RemoteWork();
    work.add(10, 20);
    work.add(50, 60);

    assertThat(work.busyNanos(0, 100)).isEqualTo(20);
  }

  @Test
  void workOutsideTheWindowIsClippedToIt() {
    RemoteWork work = new RemoteWork();
    work.add(0, 30);
    work.add(90, 200);

    assertThat(work.busyNanos(20, 100)).isEqualTo(20);
    assertThat(work.count(20, 100)).isEqualTo(1);
  }
}

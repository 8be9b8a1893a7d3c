package io.rustyray.e2e.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpAllocatorTest {
  @Test
  void eachPodKeepsItsAddressAndReleasedAddressesAreNotReusedAtOnce() {
    IpAllocator ips = new IpAllocator("127.1.0.0/24");

    String a = ips.assign("a", null);
    String b = ips.assign("b", null);
    ips.release("a");
    String c = ips.assign("c", null);

    assertThat(a).isEqualTo("127.1.0.1");
    assertThat(ips.assign("b", null)).isEqualTo(b).isEqualTo("127.1.0.2");
    assertThat(c).isEqualTo("127.1.0.3");
  }

  @Test
  void aPodKeepsTheAddressItHadBeforeAKubeletRestartWhenFree() {
    IpAllocator ips = new IpAllocator("127.1.0.0/16");

    assertThat(ips.assign("a", "127.1.3.4")).isEqualTo("127.1.3.4");
    assertThat(ips.assign("b", "127.1.3.4")).isNotEqualTo("127.1.3.4");
    assertThat(ips.assign("c", "10.0.0.1")).startsWith("127.1.");
  }

  @Test
  void addressesEndingInZeroOr255AreSkippedAndTheRangeMustBeLoopback() {
    IpAllocator ips = new IpAllocator("127.2.0.0/30");

    assertThat(ips.assign("a", null)).isEqualTo("127.2.0.1");
    assertThat(ips.assign("b", null)).isEqualTo("127.2.0.2");
    assertThat(ips.assign("c", null)).isEqualTo("127.2.0.3");
    assertThatThrownBy(() -> ips.assign("d", null)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new IpAllocator("10.0.0.0/16"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.rustyray.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GpuSlotsTest {
  @Test
  void wholeAmountsGetTheLowestFreeIndicesOfTheirOwn() {
    GpuSlots slots = new GpuSlots(4);

    assertThat(slots.acquire("a", 2)).containsExactly(0, 1);
    assertThat(slots.acquire("b", 1)).containsExactly(2);
    assertThat(slots.acquire("c", 1)).containsExactly(3);
  }

  @Test
  void releasedIndicesAreHandedOutAgainAndReleasingTwiceFreesNothingTwice() {
    GpuSlots slots = new GpuSlots(2);
    slots.acquire("a", 1);
    slots.acquire("b", 1);

    slots.release("a");
    slots.release("a");

    assertThat(slots.acquire("c", 1)).containsExactly(0);
    assertThat(slots.acquire("d", 1)).isEmpty();
  }

  @Test
  void fractionsShareOneGpuPackedOntoOneThatIsSharedAlready() {
    GpuSlots slots = new GpuSlots(3);
    slots.acquire("whole-a", 1);
    slots.acquire("whole-b", 1);

    assertThat(slots.acquire("half-a", 0.5)).containsExactly(2);
    assertThat(slots.acquire("half-b", 0.5)).containsExactly(2);
    assertThat(slots.acquire("half-c", 0.5)).as("every GPU is taken").isEmpty();
  }

  @Test
  void aWholeAmountSkipsAGpuThatIsPartlyHeld() {
    GpuSlots slots = new GpuSlots(2);
    slots.acquire("quarter", 0.25);

    assertThat(slots.acquire("whole", 1)).containsExactly(1);
    slots.release("quarter");
    assertThat(slots.acquire("two", 2)).as("one of the two is still held").isEmpty();
    assertThat(slots.acquire("one", 1)).containsExactly(0);
  }

  @Test
  void noAmountAndAmountsBeyondTheFreeOnesGetNone() {
    GpuSlots slots = new GpuSlots(1);

    assertThat(slots.acquire("a", 0)).isEmpty();
    assertThat(slots.acquire("b", 2)).isEmpty();
    assertThat(new GpuSlots(0).acquire("c", 1)).isEmpty();
    assertThat(new GpuSlots(0).acquire("d", 0.5)).isEmpty();
  }

  @Test
  void cudaVisibleDevicesListsTheIndices() {
    assertThat(GpuSlots.cudaVisibleDevices(List.of(1, 3))).isEqualTo("1,3");
  }
}

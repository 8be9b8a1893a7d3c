package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.local.examples.Fns;
import io.rustyray.local.examples.Nested;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** References inside values travel in local mode as they do in a cluster (Ray's nested refs). */
class NestedReferencesInLocalModeTest extends LocalModeTest {

  @Test
  void aListOfReferencesPassedToATaskIsResolvedThere() {
    List<ObjectRef<Integer>> refs =
        List.of(Rusty.put(1), Rusty.put(2), Rusty.task(Fns::add, 1, 2).remote());

    int sum = Rusty.task(Nested::sumAll, refs).remote().get();

    assertThat(sum).isEqualTo(6);
  }

  @Test
  void aTaskReturnsAReferenceItCreatedAndTheCallerReadsItsValue() {
    ObjectRef<ObjectRef<String>> outer = Rusty.task(Nested::putAndReturn, "made inside").remote();

    assertThat(outer.get().get()).isEqualTo("made inside");
  }

  @Test
  void referencesPassedOnByATaskComeBackAsLiveReferences() {
    List<ObjectRef<Integer>> back =
        Rusty.task(Nested::passOn, List.of(Rusty.put(7), Rusty.put(8))).remote().get();

    assertThat(Rusty.get(back)).containsExactly(7, 8);
  }

  @Test
  void aPutOfAReferenceAndOfAListOfReferencesReadBackAsReferences() {
    ObjectRef<Integer> inner = Rusty.put(42);

    ObjectRef<ObjectRef<Integer>> single = Rusty.put(inner);
    List<?> list = Rusty.put(List.of(inner, Rusty.put(43))).get();
    Map<?, ?> map = Rusty.put(Map.of("answer", inner)).get();

    assertThat(single.get().get()).isEqualTo(42);
    assertThat(list).allSatisfy(r -> assertThat(r).isInstanceOf(ObjectRef.class));
    assertThat(((ObjectRef<?>) list.get(1)).get()).isEqualTo(43);
    assertThat(((ObjectRef<?>) map.get("answer")).get()).isEqualTo(42);
  }
}

package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.Fns;
import io.rustyray.protocol.codec.ValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Arguments and results go through the cluster's codec even in one JVM: a value that could not
 * travel fails here as it fails against a cluster, with the same exception.
 */
class ValuesCrossTheWireInLocalModeTest extends LocalModeTest {

  @Test
  void theCalleeGetsACopyOfAnArgumentSoTheCallersValueNeverChanges() {
    List<String> mine = new ArrayList<>(List.of("a", "b"));

    int seenByCallee = Rusty.task(Fns::appendAndCount, mine).remote().get();

    assertThat(seenByCallee).isEqualTo(3);
    assertThat(mine).containsExactly("a", "b");
  }

  @Test
  void anArgumentIsReadIntoTheParameterTypeTheFunctionDeclares() {
    // An int crosses as a CBOR integer and is read as the long parameter, as on a node.
    assertThat(Rusty.task(Fns::twice, 21).remote().get()).isEqualTo(42L);
  }

  @Test
  void aResultIsReadAsTheTypeTheFunctionDeclaresNotTheTypeItReturned() {
    Object point = Rusty.task(Fns::pointAsObject, 1, 2).remote().get();

    assertThat(point).isEqualTo(Map.of("x", 1, "y", 2));
  }

  @Test
  void aValueThatCannotCrossTheWireIsRefusedAtRemoteAsTheClusterClientRefusesIt() {
    assertThatThrownBy(() -> Rusty.task(Fns::add, new Object(), 1).remote())
        .isExactlyInstanceOf(RustyException.class)
        .hasMessageStartingWith("a value of type java.lang.Object cannot be serialized")
        .hasCauseInstanceOf(ValueCodec.ValueCodecException.class);
  }

  @Test
  void anActorConstructorArgumentThatCannotCrossTheWireIsRefusedAtRemote() {
    assertThatThrownBy(() -> Rusty.actor(Counter::new, new Object()).remote())
        .isExactlyInstanceOf(RustyException.class)
        .hasMessageContaining("cannot be serialized");
  }

  @Test
  void putOfAValueThatCannotCrossTheWireFailsAtPut() {
    assertThatThrownBy(() -> Rusty.put(new Object()))
        .isExactlyInstanceOf(RustyException.class)
        .hasMessageContaining("a value of type java.lang.Object cannot be serialized");
  }

  @Test
  void anArgumentOfTheWrongTypeFailsAtGetWithInvalidArgumentAsTheNodeRefusesIt() {
    ObjectRef<Integer> ref = Rusty.task(Fns::add, "three", 4).remote();

    assertThatThrownBy(ref::get)
        .isInstanceOfSatisfying(
            RustyCallException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("INVALID_ARGUMENT");
              assertThat(e.getDescription())
                  .startsWith(
                      "argument 0 of io.rustyray.local.examples.Fns.add(int, int) has the wrong"
                          + " type: cannot read the value as int");
            });
  }

  @Test
  void nullForAPrimitiveParameterIsReadAsZeroAsTheCodecReadsItOnANode() {
    assertThat(Rusty.task(Fns::add, null, 4).remote().get()).isEqualTo(4);
  }

  @Test
  void aResultThatCannotBeEncodedFailsAtGetWithInternalAsTheNodeReportsIt() {
    ObjectRef<Object> ref = Rusty.task(Fns::unwritable).remote();

    assertThatThrownBy(ref::get)
        .isInstanceOfSatisfying(
            RustyCallException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("INTERNAL");
              assertThat(e.getDescription())
                  .startsWith(
                      "the result of io.rustyray.local.examples.Fns.unwritable(): a value of type"
                          + " java.lang.Object cannot be serialized");
            });
  }

  @Test
  void aResultThatCannotBeReadBackFailsAtGet() {
    ObjectRef<Fns.Opaque> ref = Rusty.task(Fns::unreadable).remote();

    assertThatThrownBy(ref::get)
        .isExactlyInstanceOf(RustyException.class)
        .hasMessageContaining("cannot read the value as io.rustyray.local.examples.Fns$Opaque")
        .hasCauseInstanceOf(ValueCodec.ValueCodecException.class);
  }

  @Test
  void anActorMethodsResultThatCannotBeEncodedFailsAtGetAndTheActorLivesOn() {
    var counter = Rusty.actor(Counter::new, 0).remote();

    ObjectRef<Object> ref = counter.task(Counter::unwritable).remote();

    assertThatThrownBy(ref::get)
        .isInstanceOfSatisfying(
            RustyCallException.class, e -> assertThat(e.getCode()).isEqualTo("INTERNAL"));
    assertThat(counter.task(Counter::increment).remote().get()).isEqualTo(1);
  }
}

package io.rustyray.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.Rusty;
import io.rustyray.api.WaitResult;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.ActorOptions;
import io.rustyray.api.options.CallOptions;
import io.rustyray.api.runtime.RustyRuntime;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** References and handles inside values go through the runtime of the process that reads them. */
class NestedReferencesCodecTest {
  private final RecordingRuntime runtime = new RecordingRuntime();

  @BeforeEach
  void install() {
    Rusty.init(runtime);
  }

  @AfterEach
  void uninstall() {
    Rusty.shutdown();
  }

  record Holder(String label, ObjectRef<Object> ref) {}

  @Test
  void aReferenceInsideAListComesBackAsALiveReferenceReadAsItsDeclaredType() {
    byte[] bytes = ValueCodec.encode(List.of(new Ref("r1", true)));

    List<ObjectRef<Integer>> read =
        ValueCodec.decode(bytes, new TypeOf<List<ObjectRef<Integer>>>() {}.type());

    assertThat(read).extracting(ObjectRef::getId).containsExactly("r1");
    assertThat(runtime.readTypes).containsExactly(Integer.class.getName());
  }

  @Test
  void aReferenceInAPojoFieldAndInAMapComesBack() {
    byte[] pojo = ValueCodec.encode(new Holder("h", new Ref("r2", false)));
    byte[] map = ValueCodec.encode(Map.of("k", new Ref("r3", false)));

    Holder holder = ValueCodec.decode(pojo, Holder.class);
    Map<String, ObjectRef<String>> read =
        ValueCodec.decode(map, new TypeOf<Map<String, ObjectRef<String>>>() {}.type());

    assertThat(holder.ref().getId()).isEqualTo("r2");
    assertThat(read.get("k").getId()).isEqualTo("r3");
  }

  @Test
  void aReferenceReadWhereAnyValueIsExpectedComesBackAsAReference() {
    byte[] bytes = ValueCodec.encode(List.of(new Ref("r4", true), 5));

    List<?> read = ValueCodec.decode(bytes, Object.class);

    assertThat(read.get(0)).isInstanceOf(ObjectRef.class);
    assertThat(((ObjectRef<?>) read.get(0)).getId()).isEqualTo("r4");
    assertThat(read.get(1)).isEqualTo(5);
  }

  @Test
  void onlyStoredReferencesAreCollectedForTheValueToHold() {
    ValueCodec.Encoded encoded =
        ValueCodec.encodeCollecting(List.of(new Ref("stored", true), new Ref("inline", false)));

    assertThat(encoded.storedRefs()).extracting(NestedRefWire::id).containsExactly("stored");
    assertThat(ValueCodec.encodeCollecting(List.of(1, 2)).storedRefs()).isEmpty();
  }

  @Test
  void anActorHandleReadFromAValueIsCountedByTheRuntime() {
    byte[] bytes = ValueCodec.encode(List.of(new ActorHandleValue<>("actor-1", "")));

    List<ActorHandle<Object>> read =
        ValueCodec.decode(bytes, new TypeOf<List<ActorHandle<Object>>>() {}.type());

    assertThat(read.get(0).getId()).isEqualTo("actor-1");
    assertThat(runtime.handlesRead).containsExactly("actor-1");
  }

  @Test
  void aReferenceWithoutValueOrLocationIsRefusedClearly() {
    byte[] bytes = ValueCodec.encode(Map.of(NestedRefWire.ID_KEY, "broken"));

    assertThatThrownBy(() -> ValueCodec.decode(bytes, ObjectRef.class))
        .isInstanceOf(ValueCodec.ValueCodecException.class)
        .hasMessageContaining("must carry its id and value or location");
  }

  @Test
  void aReferenceTheRuntimeRefusesFailsTheEncodeWithItsReason() {
    runtime.refuseWrites = true;

    assertThatThrownBy(() -> ValueCodec.encode(List.of(new Ref("r5", true))))
        .isInstanceOf(ValueCodec.ValueCodecException.class)
        .hasMessageContaining("cannot travel")
        .hasMessageContaining("refused by the test");
  }

  /** Captures a generic type, as Jackson's TypeReference does. */
  abstract static class TypeOf<T> {
    Type type() {
      return ((java.lang.reflect.ParameterizedType) getClass().getGenericSuperclass())
          .getActualTypeArguments()[0];
    }
  }

  /** A reference of the recording runtime: stored ones name a node, others carry their bytes. */
  record Ref(String id, boolean stored) implements ObjectRef<Object> {
    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(Duration timeout) {
      return null;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public boolean isReady() {
      return true;
    }
  }

  /** Records what the codec asks of the runtime. */
  static final class RecordingRuntime implements RustyRuntime, NestedReferences {
    final List<String> readTypes = new ArrayList<>();
    final List<String> handlesRead = new ArrayList<>();
    boolean refuseWrites;

    @Override
    public NestedRefWire write(ObjectRef<?> ref) {
      if (refuseWrites) {
        throw new IllegalStateException("refused by the test");
      }
      Ref own = (Ref) ref;
      return own.stored()
          ? new NestedRefWire(own.id(), "owner", null, "obj-" + own.id(), "127.0.0.1:1", 10)
          : new NestedRefWire(own.id(), "owner", ValueCodec.encode(1), null, null, 0);
    }

    @Override
    public ObjectRef<?> read(NestedRefWire wire, Type valueType) {
      readTypes.add(
          com.fasterxml.jackson.databind.type.TypeFactory.defaultInstance()
              .constructType(valueType)
              .getRawClass()
              .getName());
      return new Ref(wire.id(), wire.stored());
    }

    @Override
    public ActorHandle<?> readHandle(ActorHandleValue<?> handle) {
      handlesRead.add(handle.id());
      return handle;
    }

    @Override
    public void holdContained(List<NestedRefWire> stored, String holder) {}

    @Override
    public <R> ObjectRef<R> submitTask(RustyFunc function, Object[] args, CallOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <A> ActorHandle<A> createActor(
        RustyFunc constructor, Object[] args, ActorOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <R> ObjectRef<R> submitActorTask(ActorHandle<?> actor, RustyFunc method, Object[] args) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> ObjectRef<T> put(T value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <A> Optional<ActorHandle<A>> getActor(String name) {
      return Optional.empty();
    }

    @Override
    public void killActor(ActorHandle<?> actor, boolean noRestart) {}

    @Override
    public RuntimeContext context() {
      return new RuntimeContext("node", "job");
    }

    @Override
    public void close() {}
  }
}

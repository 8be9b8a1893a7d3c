package io.rustyray.runtime.gcs;

import static io.rustyray.runtime.gcs.TestingHead.actor;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.CreateActorReply;
import io.rustyray.protocol.proto.GetActorReply;
import io.rustyray.protocol.proto.StoredActor;
import io.rustyray.runtime.gcs.store.MemoryStore;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The head keys actor names by (namespace, name): as in Ray, each namespace has its own names, a
 * clash within one is refused, and a head recovered from its store keeps them.
 */
class NamedActorsPerNamespaceTest {
  private static final Map<String, Double> ONE_CPU = Map.of("cpu", 1.0);

  private final MemoryStore store = new MemoryStore();
  private TestingHead head = new TestingHead(store);

  @AfterEach
  void stopHead() {
    head.close();
  }

  private static ActorSpec named(String namespace, String name) {
    return actor(ONE_CPU, 0).toBuilder().setName(name).setNamespace(namespace).build();
  }

  private ActorInfo found(String namespace, String name) {
    RecordingStream<GetActorReply> reply = head.actorNamedAnswer(namespace, name);
    assertThat(reply.error).isNull();
    GetActorReply answer = reply.received.get(0);
    return answer.getFound() ? answer.getActor() : null;
  }

  @Test
  void twoNamespacesEachHaveALiveActorOfTheSameName() {
    head.nodeJoins("a", Map.of("cpu", 2.0));

    ActorInfo inX = head.createActor(named("x", "counter"));
    ActorInfo inY = head.createActor(named("y", "counter"));

    assertThat(inX.getActorId()).isNotEqualTo(inY.getActorId());
    assertThat(inX.getNamespace()).isEqualTo("x");
    assertThat(found("x", "counter").getActorId()).isEqualTo(inX.getActorId());
    assertThat(found("y", "counter").getActorId()).isEqualTo(inY.getActorId());
    assertThat(found("z", "counter")).isNull();
  }

  @Test
  void aSecondActorOfOneNameInOneNamespaceIsRefusedNamingTheNamespace() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo first = head.createActor(named("x", "counter"));

    RecordingStream<CreateActorReply> second = head.createActorAnswer(named("x", "counter"));

    Status refused = Status.fromThrowable(second.error);
    assertThat(refused.getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(refused.getDescription())
        .startsWith(
            "an actor named 'counter' already exists in namespace 'x' (" + first.getActorId());
  }

  @Test
  void aNameIsFreeInItsNamespaceOnceItsActorIsDead() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo first = head.createActor(named("x", "counter"));

    head.killActor(first.getActorId(), true);

    assertThat(found("x", "counter")).isNull();
    ActorInfo second = head.createActor(named("x", "counter"));
    assertThat(found("x", "counter").getActorId())
        .isEqualTo(second.getActorId())
        .isNotEqualTo(first.getActorId());
  }

  @Test
  void anActorAndALookupThatNameNoNamespaceMeanTheDefaultOne() {
    head.nodeJoins("a", ONE_CPU);

    ActorInfo created = head.createActor(named("", "legacy"));

    assertThat(created.getNamespace()).isEqualTo("default");
    assertThat(found("", "legacy").getActorId()).isEqualTo(created.getActorId());
    assertThat(found("default", "legacy").getActorId()).isEqualTo(created.getActorId());
  }

  @Test
  void anInvalidNamespaceIsRefusedAsAnInvalidArgument() {
    RecordingStream<CreateActorReply> created = head.createActorAnswer(named("two words", "a"));
    RecordingStream<GetActorReply> lookup = head.actorNamedAnswer("two words", "a");

    for (Throwable error : new Throwable[] {created.error, lookup.error}) {
      Status refused = Status.fromThrowable(error);
      assertThat(refused.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(refused.getDescription())
          .isEqualTo("a namespace cannot contain spaces or control characters; got 'two words'");
    }
  }

  @Test
  void aHeadRecoveredFromItsStoreKeepsEveryActorsNamespace() {
    head.nodeJoins("a", Map.of("cpu", 2.0));
    ActorInfo inX = head.createActor(named("x", "counter"));
    ActorInfo inY = head.createActor(named("y", "counter"));
    head.close();

    head = new TestingHead(store);

    assertThat(found("x", "counter").getActorId()).isEqualTo(inX.getActorId());
    assertThat(found("y", "counter").getActorId()).isEqualTo(inY.getActorId());
    assertThat(head.actor(inX.getActorId()).getNamespace()).isEqualTo("x");
    RecordingStream<CreateActorReply> clash = head.createActorAnswer(named("x", "counter"));
    assertThat(Status.fromThrowable(clash.error).getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
  }

  @Test
  void anActorAnOlderHeadStoredWithoutANamespaceIsRecoveredIntoTheDefaultOne() throws Exception {
    ActorSpec older = actor(ONE_CPU, 0).toBuilder().setName("counter").build();
    StoredActor stored =
        StoredActor.newBuilder()
            .setSpec(older)
            .setInfo(
                ActorInfo.newBuilder()
                    .setActorId("actor-older")
                    .setName("counter")
                    .setState(ActorState.PENDING_CREATION))
            .build();
    head.close();
    store.put(DurableTables.ACTORS, "actor-older", stored.toByteArray());

    head = new TestingHead(store);

    assertThat(found("default", "counter").getActorId()).isEqualTo("actor-older");
    assertThat(head.actor("actor-older").getNamespace()).isEqualTo("default");
    assertThat(found("x", "counter")).isNull();
  }
}

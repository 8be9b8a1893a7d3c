package io.rustyray.operator.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rustyray.operator.common.InvalidSpecException;
import io.rustyray.operator.crd.CheckpointSpec;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorSpec;
import io.rustyray.protocol.codec.ValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActorSpecsTest {
  private static RustyActor actor(List<JsonNode> args) {
    var actor = new RustyActor();
    actor.getMetadata().setName("counter");
    var spec = new RustyActorSpec();
    spec.setClusterRef("demo");
    spec.setClassName("io.rustyray.examples.Counter");
    spec.setArgs(new ArrayList<>(args));
    actor.setSpec(spec);
    return actor;
  }

  @Test
  void theActorIsNamedDetachedAndCallsTheConstructorWithoutASignature() {
    var actor = actor(List.of(IntNode.valueOf(10), TextNode.valueOf("x")));
    actor.getSpec().setResources(Map.of("cpu", 1.0));
    actor.getSpec().setMaxRestarts(3);
    var spec = ActorSpecs.toProto(actor);
    assertThat(spec.getName()).isEqualTo("counter");
    assertThat(spec.getDetached()).isTrue();
    assertThat(spec.getJobId()).isEqualTo("operator");
    assertThat(spec.getConstructor().getMethodName()).isEqualTo("<init>");
    assertThat(spec.getConstructor().getSignature()).isEmpty();
    assertThat(spec.getMaxRestarts()).isEqualTo(3);
    assertThat(spec.getResources().getAmountsMap()).containsEntry("cpu", 1.0);
    assertThat((Integer) ValueCodec.decode(spec.getArgs(0).getValue().toByteArray(), Integer.class))
        .isEqualTo(10);
    assertThat((String) ValueCodec.decode(spec.getArgs(1).getValue().toByteArray(), String.class))
        .isEqualTo("x");
  }

  @Test
  void actorNameDefaultsToTheResourceName() {
    var actor = actor(List.of());
    assertThat(ActorSpecs.toProto(actor).getName()).isEqualTo("counter");
    actor.getSpec().setActorName("shared-counter");
    assertThat(ActorSpecs.toProto(actor).getName()).isEqualTo("shared-counter");
  }

  @Test
  void theActorIsCreatedInTheNamespaceOfItsResource() {
    var actor = actor(List.of());
    actor.getMetadata().setNamespace("team-a");
    assertThat(ActorSpecs.toProto(actor).getNamespace()).isEqualTo("team-a");
  }

  @Test
  void theSpecHashChangesWithArgsAndClassButNotWithTheActorsName() {
    var a = actor(List.of(IntNode.valueOf(1)));
    var b = actor(List.of(IntNode.valueOf(2)));
    var c = actor(List.of(IntNode.valueOf(1)));
    c.getSpec().setClassName("io.rustyray.examples.Other");
    var d = actor(List.of(IntNode.valueOf(1)));
    d.getMetadata().setName("renamed");
    assertThat(ActorSpecs.specHash(a))
        .isNotEqualTo(ActorSpecs.specHash(b))
        .isNotEqualTo(ActorSpecs.specHash(c))
        .isEqualTo(ActorSpecs.specHash(d));
  }

  @Test
  void jvmOptionsGoToTheActorsOwnWorker() {
    var actor = actor(List.of());
    actor.getSpec().setJvmOptions(List.of("-Xmx256m", "-Dkey=value"));
    var spec = ActorSpecs.toProto(actor);
    assertThat(spec.getJvmOptionsList()).containsExactly("-Xmx256m", "-Dkey=value");
    assertThat(spec.getSharedWorker()).isFalse();
  }

  @Test
  void aSharedWorkerActorAsksForTheSharedWorker() {
    var actor = actor(List.of());
    actor.getSpec().setSharedWorker(true);
    var spec = ActorSpecs.toProto(actor);
    assertThat(spec.getSharedWorker()).isTrue();
    assertThat(spec.getJvmOptionsList()).isEmpty();
  }

  @Test
  void unsetWorkerFieldsMeanAnOwnWorkerWithTheDefaultJvm() {
    var actor = actor(List.of());
    actor.getSpec().setJvmOptions(null);
    actor.getSpec().setSharedWorker(null);
    var spec = ActorSpecs.toProto(actor);
    assertThat(spec.getSharedWorker()).isFalse();
    assertThat(spec.getJvmOptionsList()).isEmpty();
  }

  @Test
  void theSpecHashChangesWithJvmOptionsAndSharedWorker() {
    var plain = actor(List.of(IntNode.valueOf(1)));
    var tuned = actor(List.of(IntNode.valueOf(1)));
    tuned.getSpec().setJvmOptions(List.of("-Xmx256m"));
    var shared = actor(List.of(IntNode.valueOf(1)));
    shared.getSpec().setSharedWorker(true);
    assertThat(ActorSpecs.specHash(plain))
        .isNotEqualTo(ActorSpecs.specHash(tuned))
        .isNotEqualTo(ActorSpecs.specHash(shared));
    assertThat(ActorSpecs.specHash(tuned)).isNotEqualTo(ActorSpecs.specHash(shared));
  }

  @Test
  void anActorWithoutWorkerFieldsKeepsTheSpecHashEarlierOperatorsWrote() {
    // Computed by the operator before jvmOptions and sharedWorker existed: an upgrade must not
    // re-create (and so reset) every actor that does not use them.
    var actor = actor(List.of(IntNode.valueOf(1)));
    assertThat(ActorSpecs.specHash(actor)).isEqualTo("2620543e9c724eae");
    actor.getSpec().setJvmOptions(List.of());
    actor.getSpec().setSharedWorker(false);
    assertThat(ActorSpecs.specHash(actor)).isEqualTo("2620543e9c724eae");
  }

  @Test
  void anActorWithoutACheckpointAsksTheHeadForNone() {
    assertThat(ActorSpecs.toProto(actor(List.of())).hasCheckpoint()).isFalse();
  }

  @Test
  void aCheckpointEveryCallReachesTheHeadAsEveryCall() {
    var actor = actor(List.of());
    actor.getSpec().setCheckpoint(CheckpointSpec.everyCall());
    var spec = ActorSpecs.toProto(actor);
    assertThat(spec.hasCheckpoint()).isTrue();
    assertThat(spec.getCheckpoint().getEveryCall()).isTrue();
    assertThat(spec.getCheckpoint().getIntervalMs()).isZero();
  }

  @Test
  void aCheckpointIntervalInSecondsReachesTheHeadInMilliseconds() {
    var actor = actor(List.of());
    actor.getSpec().setCheckpoint(CheckpointSpec.everySeconds(30));
    var spec = ActorSpecs.toProto(actor);
    assertThat(spec.getCheckpoint().getEveryCall()).isFalse();
    assertThat(spec.getCheckpoint().getIntervalMs()).isEqualTo(30_000L);
  }

  @Test
  void aCheckpointWithBothOrNeitherPolicyIsAnInvalidSpecOnServersWithoutCel() {
    var both = CheckpointSpec.everySeconds(5);
    both.setEveryCall(true);
    var neither = new CheckpointSpec();
    var everyCallFalse = new CheckpointSpec();
    everyCallFalse.setEveryCall(false);
    for (var checkpoint : List.of(both, neither, everyCallFalse)) {
      var actor = actor(List.of());
      actor.getSpec().setCheckpoint(checkpoint);
      assertThatThrownBy(() -> ActorSpecs.toProto(actor))
          .isInstanceOf(InvalidSpecException.class)
          .hasMessage("checkpoint takes exactly one of everyCall: true and intervalSeconds");
    }
  }

  @Test
  void everyCallFalseBesideAnIntervalIsTheInterval() {
    var checkpoint = CheckpointSpec.everySeconds(5);
    checkpoint.setEveryCall(false);
    var actor = actor(List.of());
    actor.getSpec().setCheckpoint(checkpoint);
    assertThat(ActorSpecs.toProto(actor).getCheckpoint().getIntervalMs()).isEqualTo(5_000L);
  }

  @Test
  void theSpecHashChangesWithTheCheckpointPolicy() {
    var plain = actor(List.of(IntNode.valueOf(1)));
    var everyCall = actor(List.of(IntNode.valueOf(1)));
    everyCall.getSpec().setCheckpoint(CheckpointSpec.everyCall());
    var every30s = actor(List.of(IntNode.valueOf(1)));
    every30s.getSpec().setCheckpoint(CheckpointSpec.everySeconds(30));
    var every60s = actor(List.of(IntNode.valueOf(1)));
    every60s.getSpec().setCheckpoint(CheckpointSpec.everySeconds(60));
    assertThat(
            List.of(
                ActorSpecs.specHash(plain),
                ActorSpecs.specHash(everyCall),
                ActorSpecs.specHash(every30s),
                ActorSpecs.specHash(every60s)))
        .doesNotHaveDuplicates();
    // An actor created before checkpoints existed keeps its fingerprint (the upgrade test above).
    assertThat(ActorSpecs.specHash(plain)).isEqualTo("2620543e9c724eae");
  }

  @Test
  void aResourceAmountAboveOneThatIsNotWholeIsAnInvalidSpec() {
    var actor = actor(List.of());
    actor.getSpec().setResources(Map.of("cpu", 2.5));

    assertThatThrownBy(() -> ActorSpecs.toProto(actor))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("resources: resource cpu must be a whole number when above 1");
  }

  @Test
  void fractionsOfOneAndWholeAmountsAreFine() {
    var actor = actor(List.of());
    actor.getSpec().setResources(Map.of("cpu", 0.5, "gpu", 2.0));

    assertThat(ActorSpecs.toProto(actor).getResources().getAmountsMap())
        .containsEntry("cpu", 0.5)
        .containsEntry("gpu", 2.0);
  }

  @Test
  void nullClassNameIsNotSilentlyAccepted() {
    var actor = actor(List.of());
    actor.getSpec().setClassName(null);
    assertThatThrownBy(() -> ActorSpecs.toProto(actor)).isInstanceOf(RuntimeException.class);
  }
}

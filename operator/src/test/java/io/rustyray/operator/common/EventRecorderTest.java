package io.rustyray.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.rustyray.operator.crd.RustyActor;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {
  enum TestReason implements Reason {
    ActorAlive,
    ActorDead
  }

  KubernetesClient client;

  private static RustyActor actor(String name) {
    var actor = new RustyActor();
    actor.getMetadata().setName(name);
    actor.getMetadata().setNamespace("test");
    actor.getMetadata().setUid("uid-" + name);
    return actor;
  }

  private List<Event> events() {
    return client.v1().events().inNamespace("test").list().getItems();
  }

  @Test
  void theSameEventAgainBumpsTheCountOfTheOneWrittenInsteadOfAddingAnother() {
    var recorder = new EventRecorder();
    var actor = actor("counter");

    recorder.record(client, actor, EventRecorder.Type.Normal, TestReason.ActorAlive, "on w1");
    recorder.record(client, actor, EventRecorder.Type.Normal, TestReason.ActorAlive, "on w1");
    recorder.record(client, actor, EventRecorder.Type.Normal, TestReason.ActorAlive, "on w1");

    assertThat(events()).hasSize(1);
    assertThat(events().get(0).getCount()).isEqualTo(3);
    assertThat(events().get(0).getReason()).isEqualTo("ActorAlive");
    assertThat(events().get(0).getInvolvedObject().getName()).isEqualTo("counter");
  }

  @Test
  void anotherMessageReasonOrObjectIsAnotherEvent() {
    var recorder = new EventRecorder();

    recorder.record(client, actor("a"), EventRecorder.Type.Normal, TestReason.ActorAlive, "on w1");
    recorder.record(client, actor("a"), EventRecorder.Type.Normal, TestReason.ActorAlive, "on w2");
    recorder.record(client, actor("a"), EventRecorder.Type.Warning, TestReason.ActorDead, "on w2");
    recorder.record(client, actor("b"), EventRecorder.Type.Normal, TestReason.ActorAlive, "on w1");

    assertThat(events()).hasSize(4).allMatch(e -> e.getCount() == 1);
  }

  @Test
  void anEventWrittenByAnEarlierRunOfTheOperatorIsCountedAgainNotDuplicated() {
    var actor = actor("survivor");
    new EventRecorder()
        .record(client, actor, EventRecorder.Type.Normal, TestReason.ActorAlive, "on w1");

    new EventRecorder()
        .record(client, actor, EventRecorder.Type.Normal, TestReason.ActorAlive, "on w1");

    assertThat(events()).hasSize(1);
    assertThat(events().get(0).getCount()).isEqualTo(2);
  }
}

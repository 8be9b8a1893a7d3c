package io.rustyray.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.rustyray.operator.crd.ActorState;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorStatus;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class StatusWriterTest {
  enum TestReason implements Reason {
    Entered
  }

  KubernetesClient client;

  private final StatusWriter<RustyActorStatus, RustyActor> writer =
      new StatusWriter<>(
          RustyActor::new,
          s ->
              s.getState() == null
                  ? null
                  : new StatusEvent(
                      s.getState().name(),
                      EventRecorder.Type.Normal,
                      TestReason.Entered,
                      "actor is " + s.getState()),
          new EventRecorder());

  @SuppressWarnings("unchecked")
  private Context<RustyActor> context() {
    return (Context<RustyActor>)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getClient")) {
                return client;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private static RustyActor actor(ActorState cached) {
    var actor = new RustyActor();
    actor.getMetadata().setName("counter");
    actor.getMetadata().setNamespace("test");
    actor.getMetadata().setUid("uid-1");
    if (cached != null) {
      actor.setStatus(status(cached));
    }
    return actor;
  }

  private static RustyActorStatus status(ActorState state) {
    var status = new RustyActorStatus();
    status.setState(state);
    return status;
  }

  private int eventsAbout(String message) {
    return client.v1().events().inNamespace("test").list().getItems().stream()
        .filter(e -> message.equals(e.getMessage()))
        .mapToInt(e -> e.getCount())
        .sum();
  }

  @Test
  void anUnchangedStatusIsNotPatched() {
    var actor = actor(ActorState.ALIVE);

    var control = writer.write(actor, status(ActorState.ALIVE), context());

    assertThat(control.isPatchStatus()).isFalse();
    assertThat(eventsAbout("actor is ALIVE")).isZero();
  }

  @Test
  void aPatchCarriesOnlyNameNamespaceAndStatus() {
    var actor = actor(ActorState.PENDING_CREATION);
    actor.setSpec(new io.rustyray.operator.crd.RustyActorSpec());

    var control = writer.write(actor, status(ActorState.ALIVE), context());

    assertThat(control.isPatchStatus()).isTrue();
    var patch = control.getResource().orElseThrow();
    assertThat(patch.getSpec()).isNull();
    assertThat(patch.getMetadata().getName()).isEqualTo("counter");
    assertThat(patch.getStatus().getState()).isEqualTo(ActorState.ALIVE);
  }

  @Test
  void aTransitionIsAnnouncedOnceEvenWhenTheCacheStillShowsTheStatusFromBeforeIt() {
    // The informer's cache lags our own patch: both reconciliations see PENDING_CREATION.
    writer.write(actor(ActorState.PENDING_CREATION), status(ActorState.ALIVE), context());
    writer.write(actor(ActorState.PENDING_CREATION), status(ActorState.ALIVE), context());

    assertThat(eventsAbout("actor is ALIVE")).isEqualTo(1);
  }

  @Test
  void eachNewStateIsAnnounced() {
    writer.write(actor(null), status(ActorState.PENDING_CREATION), context());
    writer.write(actor(ActorState.PENDING_CREATION), status(ActorState.ALIVE), context());
    writer.write(actor(ActorState.ALIVE), status(ActorState.RESTARTING), context());
    writer.write(actor(ActorState.RESTARTING), status(ActorState.ALIVE), context());

    assertThat(eventsAbout("actor is PENDING_CREATION")).isEqualTo(1);
    assertThat(eventsAbout("actor is RESTARTING")).isEqualTo(1);
    // Alive twice, with a restart between: one Event counted twice.
    assertThat(eventsAbout("actor is ALIVE")).isEqualTo(2);
  }
}

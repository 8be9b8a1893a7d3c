package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.runtime.LocalRuntimeFactory;
import io.rustyray.local.examples.ContextReporter;
import io.rustyray.local.examples.Fns;
import io.rustyray.local.examples.Probes;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting and stopping local mode, and where code runs in it. */
class LifecycleInLocalModeTest {

  @AfterEach
  void stop() {
    Rusty.shutdown();
  }

  @Test
  void theServiceLoaderFindsTheLocalRuntime() {
    assertThat(ServiceLoader.load(LocalRuntimeFactory.class).findFirst())
        .get()
        .isInstanceOf(LocalModeRuntimeFactory.class);
  }

  @Test
  void initLocalTwiceWithoutShutdownFailsAsInitDoes() {
    Rusty.initLocal();

    assertThatThrownBy(Rusty::initLocal)
        .isInstanceOf(RustyException.class)
        .hasMessage("Rusty is already initialized; call Rusty.shutdown() first");
    assertThatThrownBy(() -> Rusty.init("127.0.0.1:6379", ""))
        .hasMessage("Rusty is already initialized; call Rusty.shutdown() first");
    assertThat(Rusty.task(Fns::add, 1, 1).remote().get()).isEqualTo(2);
  }

  @Test
  void theRuntimeContextNamesALocalNodeAndJobWhichTasksSeeToo() {
    Rusty.initLocal();

    RuntimeContext context = Rusty.getRuntimeContext();

    assertThat(context.nodeId()).startsWith("local-node-");
    assertThat(context.jobId()).startsWith("local-job-");
    assertThat(Rusty.task(Fns::nodeId).remote().get()).isEqualTo(context.nodeId());
  }

  @Test
  void anActorsRuntimeContextNamesTheActorAndWhetherItWasRestarted() {
    Rusty.initLocal();
    String job = Rusty.getRuntimeContext().jobId();
    ActorHandle<ContextReporter> actor =
        Rusty.actor(ContextReporter::new).setMaxRestarts(1).remote();

    assertThat(actor.task(ContextReporter::constructorSaw).remote().get())
        .isEqualTo(job + "|" + actor.getId() + "|false");
    assertThat(actor.task(ContextReporter::callSees).remote().get())
        .isEqualTo(job + "|" + actor.getId() + "|false");
    assertThat(Rusty.getRuntimeContext().actorId()).as("the driver is no actor").isEmpty();

    actor.kill(false);

    assertThat(actor.task(ContextReporter::callSees).remote().get(Duration.ofSeconds(30)))
        .isEqualTo(job + "|" + actor.getId() + "|true");
  }

  @Test
  void shutdownStopsThePoolsAndFailsWhatIsStillToCome() throws Exception {
    Rusty.initLocal();
    Probes.reset(1);
    ObjectRef<Integer> sleeping = Rusty.task(Probes::sleepUntilInterrupted).remote();
    ObjectRef<Integer> blocked = Rusty.task(Probes::behindGate, 1).remote();
    ObjectRef<Integer> dependent = Rusty.task(Fns::add, blocked, 1).remote();

    Rusty.shutdown();

    assertThat(Probes.awaitInterrupted(30)).as("the running task was interrupted").isTrue();
    assertThatThrownBy(() -> dependent.get(Duration.ofSeconds(30)))
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("shut down");
    assertThat(Rusty.isInitialized()).isFalse();
  }

  @Test
  void initLocalAfterShutdownStartsAFreshRuntime() {
    Rusty.initLocal();
    String firstNode = Rusty.getRuntimeContext().nodeId();
    Rusty.shutdown();

    Rusty.initLocal();

    assertThat(Rusty.getRuntimeContext().nodeId()).isNotEqualTo(firstNode);
    assertThat(Rusty.task(Fns::add, 2, 3).remote().get()).isEqualTo(5);
  }

  @Test
  void anActorGetsAHandleToItselfAndCodeOutsideActorsIsToldItHasNone() {
    Rusty.initLocal();
    ActorHandle<ContextReporter> actor = Rusty.actor(ContextReporter::new).remote();

    ActorHandle<ContextReporter> self = actor.task(ContextReporter::self).remote().get();

    assertThat(self.getId()).isEqualTo(actor.getId());
    assertThat(self.task(ContextReporter::callSees).remote().get()).contains(actor.getId());
    assertThatThrownBy(Rusty::getCurrentActor).hasMessageContaining("outside any actor");
  }
}

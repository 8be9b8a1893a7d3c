package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.runtime.LocalRuntimeFactory;
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
}

package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.NamespaceReader;
import io.rustyray.protocol.checkpoint.CheckpointCodec;
import io.rustyray.protocol.namespace.Namespaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A local runtime has one namespace, its own: the one it was given, else an anonymous one; its
 * tasks and actors run in it, and no other namespace holds any actor.
 */
class NamespacesInLocalModeTest {

  @AfterEach
  void stopLocalMode() {
    if (Rusty.isInitialized()) {
      Rusty.shutdown();
    }
  }

  private static void startIn(String namespace) {
    Rusty.init(new LocalRuntime(2, CheckpointCodec.DEFAULT_LIMIT_BYTES, namespace));
  }

  @Test
  void tasksAndActorsRunInTheRuntimesNamespace() {
    startIn("local-ns");

    ActorHandle<NamespaceReader> reader = Rusty.actor(NamespaceReader::new).remote();

    assertThat(Rusty.getNamespace()).isEqualTo("local-ns");
    assertThat(Rusty.task(NamespaceReader::taskNamespace).remote().get()).isEqualTo("local-ns");
    assertThat(reader.task(NamespaceReader::actorNamespace).remote().get()).isEqualTo("local-ns");
  }

  @Test
  void withoutANamespaceTheRuntimeHasAnAnonymousOneOfItsOwn() {
    startIn("");
    String first = Rusty.getNamespace();
    Rusty.shutdown();

    startIn("");

    assertThat(first).startsWith(Namespaces.ANONYMOUS_PREFIX);
    assertThat(Rusty.getNamespace()).startsWith(Namespaces.ANONYMOUS_PREFIX).isNotEqualTo(first);
  }

  @Test
  void aNamedActorIsFoundInItsNamespaceAndInNoOther() {
    startIn("local-ns");
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).setName("a").remote();

    assertThat(Rusty.<Counter>getActor("a", "local-ns").orElseThrow().getId())
        .isEqualTo(counter.getId());
    assertThat(Rusty.getActor("a", "elsewhere")).isEmpty();
  }

  @Test
  void anInvalidNamespaceIsRefused() {
    assertThatThrownBy(() -> startIn("two words"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a namespace cannot contain spaces or control characters; got 'two words'");

    startIn("local-ns");
    assertThatThrownBy(() -> Rusty.getActor("a", "two words"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.Fns;
import org.junit.jupiter.api.Test;

/**
 * An exception of user code surfaces at {@code get()} as {@link RustyTaskException}: the remote
 * class, message and stack as text, never the exception object itself, as from the cluster.
 */
class ErrorsInLocalModeTest extends LocalModeTest {

  @Test
  void aTasksExceptionSurfacesAtGetWithItsClassMessageAndStack() {
    ObjectRef<Integer> failing = Rusty.task(Fns::fail, "boom").remote();

    assertThatThrownBy(failing::get)
        .isInstanceOfSatisfying(
            RustyTaskException.class,
            e -> {
              assertThat(e.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
              assertThat(e.getRemoteMessage()).isEqualTo("boom");
              assertThat(e.getRemoteStackTrace())
                  .startsWith("java.lang.IllegalStateException: boom")
                  .contains("at io.rustyray.local.examples.Fns.fail(");
              assertThat(e.getMessage())
                  .startsWith(
                      "io.rustyray.local.examples.Fns.fail(String) threw"
                          + " java.lang.IllegalStateException: boom\nRemote stack trace:\n");
              assertThat(e.getCause()).as("the remote exception never travels").isNull();
            });
  }

  @Test
  void chainedCausesAppearInTheRemoteStackAsCausedByLines() {
    ObjectRef<Integer> failing = Rusty.task(Fns::failWithCause, "could not save").remote();

    assertThatThrownBy(failing::get)
        .isInstanceOfSatisfying(
            RustyTaskException.class,
            e ->
                assertThat(e.getRemoteStackTrace())
                    .contains("java.lang.IllegalStateException: could not save")
                    .contains("Caused by: java.io.UncheckedIOException: while saving")
                    .contains("Caused by: java.io.IOException: the disk is full"));
  }

  @Test
  void anActorMethodsExceptionSurfacesTheSameWay() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();

    ObjectRef<Integer> failing = counter.task(Counter::failWith, "not now").remote();

    assertThatThrownBy(failing::get)
        .isInstanceOfSatisfying(
            RustyTaskException.class,
            e -> {
              assertThat(e.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
              assertThat(e.getRemoteMessage()).isEqualTo("not now");
              assertThat(e.getMessage())
                  .startsWith("io.rustyray.local.examples.Counter.failWith(String) threw");
            });
  }

  @Test
  void anExceptionWithoutAMessageHasAnEmptyRemoteMessage() {
    ObjectRef<Integer> failing = Rusty.task(Fns::fail, (String) null).remote();

    assertThatThrownBy(failing::get)
        .isInstanceOfSatisfying(
            RustyTaskException.class, e -> assertThat(e.getRemoteMessage()).isEmpty());
  }
}

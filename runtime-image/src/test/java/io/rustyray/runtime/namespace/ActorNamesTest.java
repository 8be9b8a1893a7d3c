package io.rustyray.runtime.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The head's name registry: a name is unique within its namespace, not across them. */
class ActorNamesTest {
  private final ActorNames names = new ActorNames();

  @Test
  void oneNameIsHeldByADifferentActorInEachNamespace() {
    names.take("x", "a", "actor-1");
    names.take("y", "a", "actor-2");

    assertThat(names.holder("x", "a")).contains("actor-1");
    assertThat(names.holder("y", "a")).contains("actor-2");
    assertThat(names.holder("z", "a")).isEmpty();
  }

  @Test
  void aNameHeldInANamespaceCannotBeTakenThereByAnotherActor() {
    names.take("x", "a", "actor-1");

    assertThatThrownBy(() -> names.take("x", "a", "actor-2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the name 'a' in namespace 'x' is held by actor-1");
    assertThat(names.holder("x", "a")).contains("actor-1");
  }

  @Test
  void releasingFreesTheNameInItsNamespaceOnly() {
    names.take("x", "a", "actor-1");
    names.take("y", "a", "actor-2");

    names.release("x", "a", "actor-1");

    assertThat(names.holder("x", "a")).isEmpty();
    assertThat(names.holder("y", "a")).contains("actor-2");
  }

  @Test
  void anActorThatDoesNotHoldANameCannotReleaseIt() {
    names.take("x", "a", "actor-1");

    names.release("x", "a", "actor-2");

    assertThat(names.holder("x", "a")).contains("actor-1");
  }

  @Test
  void aNamelessActorTakesNoName() {
    names.take("x", "", "actor-1");
    names.take("x", "", "actor-2");

    assertThat(names.size()).isZero();
  }
}

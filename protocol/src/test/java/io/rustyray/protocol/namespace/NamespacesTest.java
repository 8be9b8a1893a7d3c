package io.rustyray.protocol.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a namespace may be, and the namespaces a job gets when it names none. */
class NamespacesTest {

  @Test
  void aJobThatNamesNoNamespaceGetsAnAnonymousOneOfItsOwn() {
    String first = Namespaces.givenOrAnonymous("");
    String second = Namespaces.givenOrAnonymous(null);

    assertThat(first).startsWith(Namespaces.ANONYMOUS_PREFIX).isNotEqualTo(second);
    assertThat(second).startsWith(Namespaces.ANONYMOUS_PREFIX);
  }

  @Test
  void aGivenNamespaceIsKept() {
    assertThat(Namespaces.givenOrAnonymous("team-a")).isEqualTo("team-a");
  }

  @Test
  void aRequestWithoutANamespaceMeansTheDefaultOne() {
    assertThat(Namespaces.orDefault("")).isEqualTo("default");
    assertThat(Namespaces.orDefault("x")).isEqualTo("x");
  }

  @Test
  void aNamespaceWithASpaceOrAControlCharacterIsRefused() {
    assertThatThrownBy(() -> Namespaces.check("my team"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a namespace cannot contain spaces or control characters; got 'my team'");
    assertThatThrownBy(() -> Namespaces.check("a\u0007b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a namespace cannot contain spaces or control characters; got 'a?b'");
  }

  @Test
  void aNamespaceLongerThanTheBoundIsRefused() {
    assertThatThrownBy(() -> Namespaces.check("n".repeat(Namespaces.MAX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a namespace has at most 256 characters; got 257");
    assertThat(Namespaces.check("n".repeat(Namespaces.MAX_LENGTH))).hasSize(256);
  }

  @Test
  void anEmptyNamespaceIsRefusedWhereOneMustBeGiven() {
    assertThatThrownBy(() -> Namespaces.check(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a namespace cannot be empty");
    assertThatThrownBy(() -> Namespaces.check(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("give a namespace, not null");
  }
}

package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ActorInfo;
import io.rustyray.api.DefaultActorLifetime;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyException;
import io.rustyray.local.examples.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job's default actor lifetime (Ray's ray.job.default-actor-lifetime). */
class DefaultActorLifetimeInLocalModeTest extends LocalModeTest {

  @AfterEach
  void forgetTheSetting() {
    System.clearProperty(DefaultActorLifetime.PROPERTY);
  }

  @Test
  void actorsAreNotDetachedUnlessTheJobOrTheirCreatorSaysSo() {
    ActorHandle<Counter> plain = Rusty.actor(Counter::new, 0).remote();

    assertThat(info(plain).detached()).isFalse();
  }

  @Test
  void withTheDefaultDetachedAnActorIsDetachedUnlessItsCreatorSaysOtherwise() {
    System.setProperty(DefaultActorLifetime.PROPERTY, "DETACHED");

    ActorHandle<Counter> byDefault = Rusty.actor(Counter::new, 0).remote();
    ActorHandle<Counter> notDetached = Rusty.actor(Counter::new, 0).setDetached(false).remote();

    assertThat(info(byDefault).detached()).isTrue();
    assertThat(info(notDetached).detached()).isFalse();
  }

  @Test
  void aDefaultLifetimeThatIsNeitherDetachedNorNonDetachedIsRefused() {
    System.setProperty(DefaultActorLifetime.PROPERTY, "forever");

    assertThatThrownBy(() -> Rusty.actor(Counter::new, 0).remote())
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("DETACHED or NON_DETACHED, got 'forever'");
  }

  private static ActorInfo info(ActorHandle<?> actor) {
    return Rusty.getAllActorInfo().stream()
        .filter(a -> a.actorId().equals(actor.getId()))
        .findFirst()
        .orElseThrow();
  }
}

package io.rustyray.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.exception.RustyTaskException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RustyExceptionsAsValuesTest {
  private static <T> T roundTrip(T value) {
    return ValueCodec.decode(ValueCodec.encode(value), value.getClass());
  }

  @Test
  void aTaskExceptionComesBackWithItsFunctionRemoteClassMessageAndStack() {
    RustyTaskException thrown =
        new RustyTaskException("Fns.fail(int)", "java.lang.IllegalStateException", "no", "at x");

    RustyTaskException back = roundTrip(thrown);

    assertThat(back.getFunction()).isEqualTo("Fns.fail(int)");
    assertThat(back.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
    assertThat(back.getRemoteMessage()).isEqualTo("no");
    assertThat(back.getRemoteStackTrace()).isEqualTo("at x");
    assertThat(back.getMessage()).isEqualTo(thrown.getMessage());
  }

  @Test
  void theOtherSdkExceptionsComeBackAsTheirTypeWithTheirMessage() {
    assertThat(roundTrip(new ActorDiedException("actor-1", "killed")))
        .isInstanceOf(ActorDiedException.class)
        .hasMessage("actor actor-1 is dead: killed")
        .extracting(ActorDiedException::getDeathCause)
        .isEqualTo("killed");
    assertThat(roundTrip(new RustyCallException("NOT_FOUND", "no class", null)))
        .hasMessage("NOT_FOUND: no class");
    assertThat(roundTrip(new ObjectLostException("lost", null))).hasMessage("lost");
    assertThat(roundTrip(new RustyException("plain"))).hasMessage("plain");
  }

  @Test
  void anSdkCauseTravelsWithItsTypeAndOtherCausesDoNot() {
    RustyTaskException withSdkCause = new RustyTaskException("f()", "E", "m", "s");
    withSdkCause.initCause(new ObjectLostException("gone", null));
    RustyException withOtherCause = new RustyException("outer", new IllegalStateException("x"));

    assertThat(roundTrip(withSdkCause).getCause())
        .isInstanceOf(ObjectLostException.class)
        .hasMessage("gone");
    assertThat(roundTrip(withOtherCause).getCause()).isNull();
  }

  @Test
  void aStoredSdkExceptionIsRaisedAndOtherValuesAreReturned() {
    RustyException stored = new RustyException("stored");

    assertThatThrownBy(() -> StoredErrors.raiseIfError(stored)).isSameAs(stored);
    assertThat(StoredErrors.raiseIfError("value")).isEqualTo("value");
  }

  @Test
  void exceptionsInsideCollectionsTravelToo() {
    List<RustyException> errors = List.of(new RustyException("a"), new RustyException("b"));

    List<RustyException> back =
        ValueCodec.decode(
            ValueCodec.encode(errors),
            new com.fasterxml.jackson.core.type.TypeReference<List<RustyException>>() {}.getType());

    assertThat(back).extracting(Throwable::getMessage).containsExactly("a", "b");
  }
}

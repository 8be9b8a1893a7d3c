package io.rustyray.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureStreakTest {
  private static final Status UNRESOLVED =
      Status.UNAVAILABLE
          .withDescription("Unable to resolve host head.rustyray.test")
          .withCause(
              new RuntimeException(
                  new UnknownHostException("head.rustyray.test: Name or service not known")));

  private final FailureStreak streak = new FailureStreak("head.rustyray.test:6379");

  private static long seconds(double s) {
    return (long) (s * 1e9);
  }

  @Test
  void firstFailureIsReportedWithTheAddressAndTheCause() {
    Optional<String> warning = streak.failed("register with", UNRESOLVED, seconds(100));

    assertThat(warning)
        .hasValue(
            "cannot register with the head at head.rustyray.test:6379: UNAVAILABLE Unable to"
                + " resolve host head.rustyray.test (UnknownHostException: head.rustyray.test:"
                + " Name or service not known); retrying every second with a fresh lookup");
  }

  @Test
  void failuresEverySecondAreRemindedOfEveryThirtySecondsOnly() {
    List<String> warnings = new ArrayList<>();
    for (int second = 0; second <= 65; second++) {
      streak.failed("register with", UNRESOLVED, seconds(second)).ifPresent(warnings::add);
    }

    assertThat(warnings).hasSize(3);
    assertThat(warnings.get(0)).startsWith("cannot register with the head");
    assertThat(warnings.get(1))
        .startsWith("still cannot register with the head")
        .contains("after 30 s (31 attempts)");
    assertThat(warnings.get(2)).contains("after 60 s (61 attempts)");
  }

  @Test
  void successAfterAStreakSaysHowLongTheHeadWasOutOfReachAndStartsANewStreak() {
    streak.failed("register with", UNRESOLVED, seconds(10));
    streak.failed("register with", UNRESOLVED, seconds(11));

    assertThat(streak.succeeded(seconds(12.5)))
        .hasValue("reached the head at head.rustyray.test:6379 after 2.5 s and 2 failed attempts");
    assertThat(streak.succeeded(seconds(13))).as("no streak to end").isEmpty();
    assertThat(streak.failed("send heartbeats to", Status.UNAVAILABLE, seconds(20)))
        .as("the next failure is the first of a new streak")
        .hasValueSatisfying(w -> assertThat(w).startsWith("cannot send heartbeats to the head"));
  }

  @Test
  void successWithoutFailuresSaysNothing() {
    assertThat(streak.succeeded(seconds(1))).isEmpty();
  }
}

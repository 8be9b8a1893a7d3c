package io.rustyray.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallOutcomesTest {
  private final CallOutcomes outcomes = new CallOutcomes(0);

  @Test
  void nothingIsProcessedBeforeTheFirstOutcome() {
    assertThat(outcomes.upTo()).isEqualTo(-1);
  }

  @Test
  void theMarkStopsAtTheFirstCallWithoutAnOutcome() {
    assertThat(outcomes.done(0)).isTrue();
    assertThat(outcomes.done(2)).as("call 1 is still out").isFalse();
    assertThat(outcomes.done(3)).isFalse();

    assertThat(outcomes.upTo()).isEqualTo(0);
  }

  @Test
  void theMarkJumpsOverEveryOutcomeOnceTheGapCloses() {
    outcomes.done(1);
    outcomes.done(2);
    outcomes.done(4);

    assertThat(outcomes.done(0)).isTrue();
    assertThat(outcomes.upTo()).isEqualTo(2);
    assertThat(outcomes.done(3)).isTrue();
    assertThat(outcomes.upTo()).isEqualTo(4);
  }

  @Test
  void anOutcomeHeardTwiceChangesNothing() {
    outcomes.done(0);

    assertThat(outcomes.done(0)).isFalse();
    assertThat(outcomes.upTo()).isEqualTo(0);
  }

  @Test
  void aFailedCallIsAnnouncedOnceTheRepliesBeforeItArriveNotBefore() {
    CallOutcomes outcomes = new CallOutcomes(0);
    outcomes.failed(1);
    assertThat(outcomes.done(1)).as("call 0 is still out").isFalse();
    assertThat(outcomes.gapToAnnounce()).isFalse();

    assertThat(outcomes.done(0)).as("call 0 replied: 0 and 1 have outcomes").isTrue();
    assertThat(outcomes.gapToAnnounce())
        .as("calls after 1 wait in the worker for 1, which will never come")
        .isTrue();
    assertThat(outcomes.gapToAnnounce()).as("announced once").isFalse();
  }
}

package io.rustyray.operator.job;

import io.rustyray.operator.crd.RustyJobStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * What one reconciliation of a RustyJob does: the status to write, the one action to carry out, and
 * when to look again if nothing else happens by then (a deadline or time to live running out: a
 * timer for an instant known in advance, not polling).
 *
 * @param status the next status
 * @param action the side effect
 * @param wakeUp reconcile again after this long, if set
 */
public record JobDecision(RustyJobStatus status, JobAction action, Optional<Duration> wakeUp) {
  static JobDecision of(RustyJobStatus status) {
    return new JobDecision(status, JobAction.NONE, Optional.empty());
  }

  JobDecision doing(JobAction next) {
    return new JobDecision(status, next, wakeUp);
  }

  /** Keeps the earlier of the wake-ups. */
  JobDecision wakingAfter(Optional<Duration> after) {
    if (after.isEmpty()) {
      return this;
    }
    Duration soonest =
        wakeUp.map(w -> w.compareTo(after.get()) <= 0 ? w : after.get()).orElse(after.get());
    return new JobDecision(
        status, action, Optional.of(soonest.isNegative() ? Duration.ZERO : soonest));
  }
}

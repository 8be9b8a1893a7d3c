package io.rustyray.runtime.it;

import java.util.ArrayList;
import java.util.List;

/**
 * What the clients of one {@link io.rustyray.examples.Counter} were told, in the order they were
 * told it, checked as it comes: an instance counts 1, 2, 3, ... and a restarted one starts from 1
 * again. Every increment is acknowledged with the value after it, so an acknowledged call that the
 * instance lost shows as a gap, and a second live instance as a value that goes back without a
 * restart. A call whose outcome is unknown (it failed in flight) may or may not have counted: it
 * widens the next step by one.
 *
 * <p>A durable counter ({@link io.rustyray.examples.DurableCounter}, every-call checkpoints) never
 * starts again: its restarted instances go on from the last answered value.
 *
 * <p>Callers of one counter take turns (one thread during a round, then the checks while that
 * thread is paused), so the events arrive in the order the actor saw the calls.
 */
final class CounterLedger {
  private final String name;
  private int last;
  private int unknownSinceLast;
  private int resetsThisRound;
  private int totalResets;
  private int acknowledged;
  private int unknown;
  private final List<String> violations = new ArrayList<>();

  private final boolean durable;

  /**
   * @param durable whether the counter keeps its state across restarts: then a count that starts
   *     again is a violation even where the head restarted it
   */
  CounterLedger(String name, boolean durable) {
    this.name = name;
    this.durable = durable;
  }

  boolean durable() {
    return durable;
  }

  /**
   * An increment answered {@code value}.
   *
   * @param who which client, for the report
   */
  synchronized void acknowledged(int value, String who) {
    acknowledged++;
    int lowest = last + 1;
    int highest = last + 1 + unknownSinceLast;
    if (value >= lowest && value <= highest) {
      last = value;
    } else if (value >= 1 && value <= 1 + unknownSinceLast) {
      // A fresh instance: a restart, which the round's check holds against the restart count.
      resetsThisRound++;
      totalResets++;
      last = value;
    } else {
      violations.add(
          name
              + ": "
              + who
              + " was told "
              + value
              + " after "
              + last
              + " with "
              + unknownSinceLast
              + " call(s) of unknown outcome in between (expected "
              + lowest
              + (highest > lowest ? ".." + highest : "")
              + ", or 1.."
              + (1 + unknownSinceLast)
              + " from a restarted instance)");
      last = value;
    }
    unknownSinceLast = 0;
  }

  /** A value a check already reported: the chain goes on from it, without a second report. */
  synchronized void rebase(int value) {
    last = value;
    unknownSinceLast = 0;
  }

  /** An increment failed in flight: it may or may not have run. */
  synchronized void outcomeUnknown() {
    unknown++;
    unknownSinceLast++;
  }

  /** Records a violation found outside the chain of values (instances, agreement). */
  synchronized void violation(String what) {
    violations.add(name + ": " + what);
  }

  /**
   * Ends a round: a reset is only allowed where the head restarted the actor.
   *
   * @param restartsInRound how many times the head's restart count went up in the round
   * @return the resets seen in the round
   */
  synchronized int endRound(int restartsInRound) {
    int resets = resetsThisRound;
    if (durable && resets > 0) {
      violations.add(
          name
              + ": a durable counter's count started again "
              + resets
              + " time(s) (restarted "
              + restartsInRound
              + " time(s)): its checkpoint was lost or not restored");
    } else if (resets > restartsInRound) {
      violations.add(
          name
              + ": its count started again "
              + resets
              + " time(s) while the head restarted it "
              + restartsInRound
              + " time(s): state was lost or a second instance answered");
    }
    resetsThisRound = 0;
    return resets;
  }

  synchronized int last() {
    return last;
  }

  synchronized int unknownSinceLast() {
    return unknownSinceLast;
  }

  synchronized int acknowledgedCount() {
    return acknowledged;
  }

  synchronized int unknownCount() {
    return unknown;
  }

  synchronized int totalResets() {
    return totalResets;
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  String name() {
    return name;
  }
}

package io.rustyray.client;

import java.util.BitSet;
import java.util.TreeSet;

/**
 * Which calls to one actor incarnation have a final outcome here (a reply or a failure), so that
 * the worker can be told not to wait for a call that failed on the wire and will never arrive.
 */
final class CallOutcomes {
  final int incarnation;
  private long upTo = -1;
  // Sequences above upTo + 1 that are done, as offsets from upTo + 1; shifts as the gap closes.
  private BitSet above = new BitSet();
  private final TreeSet<Long> unannouncedFailures = new TreeSet<>();

  CallOutcomes(int incarnation) {
    this.incarnation = incarnation;
  }

  /**
   * @return the highest sequence such that it and every earlier one have an outcome; -1 for none
   */
  long upTo() {
    return upTo;
  }

  /**
   * A call that failed: the worker may never have seen it, so it may wait for it until told the
   * caller has moved past it.
   */
  void failed(long sequence) {
    if (sequence > upTo) {
      unannouncedFailures.add(sequence);
    }
  }

  /**
   * @return whether the worker must be told {@link #upTo()} now: a failed call is at or below it,
   *     and no call has carried the news yet
   */
  boolean gapToAnnounce() {
    if (unannouncedFailures.isEmpty() || unannouncedFailures.first() > upTo) {
      return false;
    }
    unannouncedFailures.headSet(upTo, true).clear();
    return true;
  }

  /**
   * @param sequence a call of this incarnation that has its final outcome now
   * @return whether {@link #upTo()} moved
   */
  boolean done(long sequence) {
    if (sequence <= upTo) {
      return false;
    }
    above.set(Math.toIntExact(sequence - upTo - 1));
    int contiguous = above.nextClearBit(0);
    if (contiguous == 0) {
      return false;
    }
    upTo += contiguous;
    above = above.get(contiguous, Math.max(contiguous, above.length()));
    return true;
  }
}

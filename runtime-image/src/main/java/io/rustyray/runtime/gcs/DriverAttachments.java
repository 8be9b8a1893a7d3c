package io.rustyray.runtime.gcs;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Which client processes hold an attach stream to the head, and when one counts as gone. A client
 * that detaches is reaped at once. A stream that breaks without a detach may be a network blip or a
 * head that restarted under a client that lives on: the client gets a grace to attach again, and
 * only if it does not is it reaped (its objects freed, its non-detached actors ended).
 */
final class DriverAttachments {
  /** What happens to an owner that is gone; {@link Gcs#ownerExited} in the head. */
  interface Reaper {
    void ownerExited(String ownerId, String jobId, boolean worker);
  }

  private static final class Owner {
    final String jobId;
    final boolean worker;
    int streams;
    // Moves on every attach, break and detach, so a reap timed before one of them does nothing.
    long generation;
    boolean detached;

    Owner(String jobId, boolean worker) {
      this.jobId = jobId;
      this.worker = worker;
    }
  }

  private final HeadClock clock;
  private final Duration grace;
  private final Reaper reaper;
  private final Map<String, Owner> owners = new HashMap<>();

  /**
   * @param grace how long a client whose stream broke may take to attach again
   */
  DriverAttachments(HeadClock clock, Duration grace, Reaper reaper) {
    this.clock = clock;
    this.grace = grace;
    this.reaper = reaper;
  }

  /** A client opened its attach stream (maybe again, after one broke). */
  synchronized void attached(String ownerId, String jobId, boolean worker) {
    Owner owner = owners.computeIfAbsent(ownerId, id -> new Owner(jobId, worker));
    owner.streams++;
    owner.generation++;
  }

  /**
   * A client the head knows of without a stream to it, such as an owner of actors that a head
   * recovered from its store: it gets the grace to attach, as if its stream had just broken.
   */
  synchronized void awaitReattach(String ownerId, String jobId, boolean worker) {
    if (owners.containsKey(ownerId)) {
      return;
    }
    Owner owner = new Owner(jobId, worker);
    owners.put(ownerId, owner);
    long generation = ++owner.generation;
    clock.schedule(grace, () -> graceOver(ownerId, generation));
  }

  /** One of the client's attach streams ended: cancelled by it, or broken. */
  void streamEnded(String ownerId) {
    Owner gone;
    synchronized (this) {
      Owner owner = owners.get(ownerId);
      if (owner == null || --owner.streams > 0) {
        return;
      }
      if (owner.detached) {
        owners.remove(ownerId);
        return;
      }
      if (!grace.isZero() && !grace.isNegative()) {
        long generation = ++owner.generation;
        clock.schedule(grace, () -> graceOver(ownerId, generation));
        return;
      }
      owners.remove(ownerId);
      gone = owner;
    }
    reaper.ownerExited(ownerId, gone.jobId, gone.worker);
  }

  private void graceOver(String ownerId, long generation) {
    Owner gone;
    synchronized (this) {
      Owner owner = owners.get(ownerId);
      if (owner == null || owner.generation != generation || owner.streams > 0) {
        return;
      }
      owners.remove(ownerId);
      gone = owner;
    }
    reaper.ownerExited(ownerId, gone.jobId, gone.worker);
  }

  /** The client ends on purpose: it is reaped now, and its stream's end afterwards is no news. */
  void detached(String ownerId, String jobId, boolean worker) {
    synchronized (this) {
      Owner owner = owners.get(ownerId);
      if (owner != null) {
        if (owner.detached) {
          return;
        }
        owner.detached = true;
        owner.generation++;
        if (owner.streams == 0) {
          owners.remove(ownerId);
        }
      }
    }
    reaper.ownerExited(ownerId, jobId, worker);
  }
}

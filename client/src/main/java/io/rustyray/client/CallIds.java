package io.rustyray.client;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This process's identity as a caller and owner, and the ids of what it makes. Ids are unique in
 * the cluster without a random draw per call: the process's random prefix and a counter.
 */
final class CallIds {
  private final String callerId = UUID.randomUUID().toString();
  private final String prefix = callerId.replace("-", "").substring(0, 12) + "-";
  private final AtomicLong counter = new AtomicLong();

  /**
   * @return the id the head and nodes know this process by (owner of its objects and actors)
   */
  String callerId() {
    return callerId;
  }

  /**
   * @param kind what the id names, such as {@code task} or {@code obj}
   * @return a new id
   */
  String next(String kind) {
    return kind + "-" + prefix + Long.toHexString(counter.incrementAndGet());
  }
}

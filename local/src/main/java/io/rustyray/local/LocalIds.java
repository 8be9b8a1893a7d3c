package io.rustyray.local;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of what one local runtime makes, in the cluster client's shape ({@code task-<prefix>-<n>}),
 * so that code which logs or compares ids sees the same kind of strings in both modes.
 */
final class LocalIds {
  private final String prefix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final AtomicLong counter = new AtomicLong();

  /**
   * @return a short random tag of this runtime, part of every id it makes
   */
  String prefix() {
    return prefix;
  }

  /**
   * @param kind what the id names, such as {@code task}, {@code call}, {@code put} or {@code actor}
   * @return a new id
   */
  String next(String kind) {
    return kind + "-" + prefix + "-" + Long.toHexString(counter.incrementAndGet());
  }
}

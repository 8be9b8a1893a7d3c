package io.rustyray.api;

import io.rustyray.api.exception.RustyTimeoutException;
import io.rustyray.api.runtime.RustyRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a list of references as they become ready, in any order, so that a failure surfaces as soon
 * as it is known instead of behind a slower reference earlier in the list (as Ray's {@code get} of
 * a list does).
 */
final class AllValues {
  /** How long one wait lasts when there is no deadline: only a bound on one runtime call. */
  private static final Duration WAIT_SLICE = Duration.ofSeconds(1);

  private AllValues() {}

  static <T> List<T> get(RustyRuntime runtime, List<ObjectRef<T>> refs, Duration timeout) {
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    Object[] values = new Object[refs.size()];
    boolean[] read = new boolean[refs.size()];
    int left = refs.size();
    while (true) {
      for (int i = 0; i < refs.size(); i++) {
        if (!read[i] && refs.get(i).isReady()) {
          values[i] = refs.get(i).get();
          read[i] = true;
          left--;
        }
      }
      if (left == 0) {
        return asList(values);
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new RustyTimeoutException(
            left + " of " + refs.size() + " objects were not ready within " + timeout);
      }
      List<ObjectRef<T>> unread = new ArrayList<>(left);
      for (int i = 0; i < refs.size(); i++) {
        if (!read[i]) {
          unread.add(refs.get(i));
        }
      }
      Duration slice =
          timeout == null
              ? WAIT_SLICE
              : Duration.ofNanos(Math.min(remaining, WAIT_SLICE.toNanos()));
      runtime.wait(unread, 1, slice);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> asList(Object[] values) {
    return (List<T>) new ArrayList<>(Arrays.asList(values));
  }
}

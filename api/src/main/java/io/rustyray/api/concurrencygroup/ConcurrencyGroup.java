package io.rustyray.api.concurrencygroup;

import io.rustyray.api.function.RustyFunc;
import java.util.List;

/**
 * A named set of an actor's methods that run on threads of their own, at most {@code
 * maxConcurrency} at once, without waiting for calls of other groups (Ray's concurrency groups).
 * Methods in no group run in the actor's default group, as many at once as its {@code
 * maxConcurrency}. Build one with {@link ConcurrencyGroupBuilder}.
 *
 * @param name the group's name, unique within the actor
 * @param maxConcurrency how many of its calls may run at once
 * @param methods the actor methods that run in it, as method references
 */
public record ConcurrencyGroup(String name, int maxConcurrency, List<RustyFunc> methods) {
  public ConcurrencyGroup {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a concurrency group needs a name");
    }
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException(
          "concurrency group "
              + name
              + ": maxConcurrency must be 1 or more, got "
              + maxConcurrency);
    }
    methods = List.copyOf(methods);
  }
}

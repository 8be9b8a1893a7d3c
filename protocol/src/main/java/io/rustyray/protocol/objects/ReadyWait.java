package io.rustyray.protocol.objects;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.WaitResult;
import io.rustyray.api.exception.RustyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code Rusty.wait}, the same for every runtime: blocks until {@code numReturns} references are
 * ready (a failure counts as ready) or the timeout passes, then reports at most {@code numReturns}
 * ready ones and the rest, each in the order given.
 */
public final class ReadyWait {
  private ReadyWait() {}

  /**
   * @param refs references of one runtime
   * @param numReturns how many must be ready
   * @param timeout how long to wait at most
   * @param completion the runtime's future of each reference's value
   * @param <T> the values' type
   * @return at most {@code numReturns} ready references, and the rest
   */
  public static <T> WaitResult<T> waitFor(
      List<ObjectRef<T>> refs,
      int numReturns,
      Duration timeout,
      Function<ObjectRef<T>, CompletableFuture<?>> completion) {
    CompletableFuture<Void> enough = new CompletableFuture<>();
    AtomicInteger ready = new AtomicInteger();
    if (numReturns == 0) {
      enough.complete(null);
    }
    for (ObjectRef<T> ref : refs) {
      completion
          .apply(ref)
          .whenComplete(
              (v, t) -> {
                if (ready.incrementAndGet() >= numReturns) {
                  enough.complete(null);
                }
              });
    }
    try {
      enough.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // Fewer than numReturns are ready: report what is.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RustyException("interrupted while waiting for objects", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("completed only normally", e);
    }
    List<ObjectRef<T>> readyRefs = new ArrayList<>();
    List<ObjectRef<T>> unready = new ArrayList<>();
    for (ObjectRef<T> ref : refs) {
      if (ref.isReady() && readyRefs.size() < numReturns) {
        readyRefs.add(ref);
      } else {
        unready.add(ref);
      }
    }
    return new WaitResult<>(readyRefs, unready);
  }
}

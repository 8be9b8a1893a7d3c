package io.rustyray.local;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.WaitResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code Rusty.wait} as the cluster client answers it: blocks until {@code numReturns} references
 * are ready (a failure counts as ready) or the timeout passes, then reports at most {@code
 * numReturns} ready ones and the rest, each in the order given.
 */
final class LocalWaiter {
  private LocalWaiter() {}

  static <T> WaitResult<T> waitFor(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
    CompletableFuture<Void> enough = new CompletableFuture<>();
    AtomicInteger ready = new AtomicInteger();
    if (numReturns == 0) {
      enough.complete(null);
    }
    for (ObjectRef<T> ref : refs) {
      ((LocalObjectRef<T>) ref)
          .bytes()
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
      throw LocalErrors.toRusty(e);
    } catch (ExecutionException e) {
      throw LocalErrors.toRusty(e);
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

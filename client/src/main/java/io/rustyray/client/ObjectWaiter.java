package io.rustyray.client;

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

/** {@code Rusty.wait}: blocks until enough references are ready, or the timeout passes. */
final class ObjectWaiter {
  private ObjectWaiter() {}

  /**
   * @param refs references of this runtime
   * @param numReturns how many must be ready
   * @param timeout how long to wait at most
   * @param <T> the values' type
   * @return at most {@code numReturns} ready references, and the rest, each in the given order
   */
  static <T> WaitResult<T> waitFor(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
    CompletableFuture<Void> enough = new CompletableFuture<>();
    AtomicInteger ready = new AtomicInteger();
    if (numReturns == 0) {
      enough.complete(null);
    }
    for (ObjectRef<T> ref : refs) {
      ((ClusterObjectRef<T>) ref)
          .value()
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
      throw Errors.toRusty(e);
    } catch (ExecutionException e) {
      throw Errors.toRusty(e);
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

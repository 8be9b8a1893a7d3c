package io.rustyray.protocol.transport;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Adapts gRPC's async unary calls to {@link CompletableFuture}. */
public final class Calls {
  private Calls() {}

  /**
   * @param call starts the call with the observer it is given
   * @param <T> the reply type
   * @return completes with the reply, or exceptionally with the call's status
   */
  public static <T> CompletableFuture<T> unary(Consumer<StreamObserver<T>> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    inRootContext(
        () ->
            call.accept(
                new StreamObserver<>() {
                  @Override
                  public void onNext(T value) {
                    result.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    result.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    if (!result.isDone()) {
                      result.completeExceptionally(
                          new IllegalStateException("call ended without a reply"));
                    }
                  }
                }));
    return result;
  }

  /**
   * Starts calls outside the gRPC context of the server call being handled, if any. A call started
   * inside it would be cancelled as soon as that server call completes, and the runtime often makes
   * calls that outlive the one that caused them.
   *
   * @param start what starts the calls
   */
  public static void inRootContext(Runnable start) {
    Context previous = Context.ROOT.attach();
    try {
      start.run();
    } finally {
      Context.ROOT.detach(previous);
    }
  }
}

package io.rustyray.local;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.CallOptions;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.function.TaskNames;
import io.rustyray.protocol.resources.ResourceRequests;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks (static methods) on a pool as large as the machine's processors, as a node runs them
 * on a pool bounded by its CPUs. A task is queued only once its ObjectRef arguments are ready, so
 * tasks waiting for others hold no thread. Resources are not scheduled: every task may run, and at
 * most as many run at once as the pool has threads. Retries never happen, since no node can die.
 */
final class LocalTasks implements AutoCloseable {
  private final ExecutorService pool;
  private final LocalInvoker invoker;
  private final LocalObjects objects;

  LocalTasks(int threads, LocalInvoker invoker, LocalObjects objects, String runtimeTag) {
    this.pool = Executors.newFixedThreadPool(threads, DaemonThreads.named(runtimeTag + "-task"));
    this.invoker = invoker;
    this.objects = objects;
  }

  /**
   * @return the result's reference, at once
   * @throws RustyException when the function is not static, or an argument cannot be encoded
   */
  <R> ObjectRef<R> submit(RustyFunc function, Object[] args, CallOptions options) {
    ResolvedFunction f = FunctionDescriptors.describeTask(function);
    List<CompletableFuture<byte[]>> encoded = LocalArguments.encode(args);
    LocalObjects.Result<R> result = objects.newResult("task", f.resultType());
    try {
      ResourceRequests.check(options.resources());
    } catch (IllegalArgumentException e) {
      // The cluster client finds this only while it builds the task's spec, after the call.
      result.bytes().completeExceptionally(LocalErrors.toRusty(e));
      return result.ref();
    }
    LocalArguments.whenReady(encoded)
        .whenComplete(
            (ready, failure) -> {
              if (failure != null) {
                result.bytes().completeExceptionally(LocalErrors.unwrap(failure));
                return;
              }
              try {
                pool.execute(() -> run(f, options.name(), ready, result.bytes()));
              } catch (RejectedExecutionException e) {
                result
                    .bytes()
                    .completeExceptionally(new RustyException("the local runtime is shut down"));
              }
            });
    return result.ref();
  }

  private void run(
      ResolvedFunction f, String name, List<byte[]> args, CompletableFuture<byte[]> result) {
    try (TaskNames.ThreadName named = TaskNames.nameThread(name)) {
      result.complete(invoker.invoke(null, f, invoker.arguments(f, args)));
    } catch (CallRefused e) {
      result.completeExceptionally(e.toCallException());
    } catch (LocalInvoker.UserCodeThrew e) {
      result.completeExceptionally(
          LocalErrors.taskFailed(TaskNames.display(name, f), e.getCause()));
    } catch (RuntimeException | Error e) {
      result.completeExceptionally(LocalErrors.refused("INTERNAL", e.toString(), e));
    }
  }

  @Override
  public void close() {
    // Interrupts running tasks, so that a test's teardown does not wait for a task that sleeps.
    pool.shutdownNow();
  }
}

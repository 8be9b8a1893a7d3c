package io.rustyray.client;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.CallOptions;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.function.TaskNames;
import io.rustyray.protocol.proto.TaskArg;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.resources.ResourceRequests;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Submits this process's tasks (static methods) to the head's scheduler, on one stream, once their
 * arguments are ready. This process owns their results.
 */
final class TaskSubmitter implements AutoCloseable {
  private final CallIds ids;
  private final String jobId;
  private final String namespace;
  private final CallArguments arguments;
  private final OwnedObjects objects;
  private final TaskStream stream;

  TaskSubmitter(
      HeadConnection head,
      CallIds ids,
      String jobId,
      String namespace,
      CallArguments arguments,
      OwnedObjects objects) {
    this.ids = ids;
    this.jobId = jobId;
    this.namespace = namespace;
    this.arguments = arguments;
    this.objects = objects;
    this.stream = new TaskStream(head.gcs(), head.headAddress());
  }

  /**
   * @param function a static method reference
   * @param args its arguments (values or ObjectRefs)
   * @param options resources and retries
   * @param <R> the result type
   * @return the result's reference, at once; the task runs when its arguments are ready
   * @throws RustyException when the function is not a static method
   */
  <R> ObjectRef<R> submit(RustyFunc function, Object[] args, CallOptions options) {
    ResolvedFunction f = FunctionDescriptors.describeTask(function);
    String taskId = ids.next("task");
    CompletableFuture<ObjectValue> value =
        arguments
            .resolve(args)
            .thenCompose(taskArgs -> send(spec(taskId, f, taskArgs, options), f));
    CallArguments.keepReachableUntilDone(args, value);
    return objects.reference(taskId, f.resultType(), value);
  }

  private TaskSpec spec(
      String taskId, ResolvedFunction f, List<TaskArg> taskArgs, CallOptions options) {
    TaskSpec.Builder spec = TaskSpec.newBuilder();
    if (options.placement() != null) {
      spec.setPlacement(PlacementGroups.toProto(options.placement()));
    }
    return spec.setTaskId(taskId)
        .setJobId(jobId)
        .setFunction(f.descriptor())
        .addAllArgs(taskArgs)
        .setResources(ResourceRequests.of(options.resources()))
        .setMaxRetries(options.maxRetries())
        .setOwnerId(ids.callerId())
        .setNamespace(namespace)
        .setName(options.name())
        .build();
  }

  private CompletableFuture<ObjectValue> send(TaskSpec spec, ResolvedFunction f) {
    CompletableFuture<ObjectValue> result = new CompletableFuture<>();
    send(spec, f, result);
    return result;
  }

  private void send(TaskSpec spec, ResolvedFunction f, CompletableFuture<ObjectValue> result) {
    stream
        .submit(spec)
        .whenComplete(
            (reply, failure) -> {
              if (failure == null) {
                ObjectValue.complete(result, TaskNames.display(spec.getName(), f), reply);
              } else if (failure instanceof TaskStream.HeadLost && spec.getMaxRetries() != 0) {
                // The head went away with the task (it restarted): a retry goes to the new one.
                int left = spec.getMaxRetries() < 0 ? -1 : spec.getMaxRetries() - 1;
                send(spec.toBuilder().setMaxRetries(left).build(), f, result);
              } else {
                result.completeExceptionally(
                    Errors.taskLost(TaskNames.display(spec.getName(), f), failure));
              }
            });
  }

  @Override
  public void close() {
    stream.close();
  }
}

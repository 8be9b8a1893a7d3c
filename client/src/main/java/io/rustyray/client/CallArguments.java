package io.rustyray.client;

import com.google.protobuf.ByteString;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.RustyException;
import io.rustyray.protocol.proto.TaskArg;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a call's arguments into what travels: plain values encoded inline, and {@link ObjectRef}s
 * as their value once it is ready (inline when small, else by reference to a node's store, which
 * resolves them on the node that runs the call).
 */
final class CallArguments {
  private final OwnedObjects objects;

  CallArguments(OwnedObjects objects) {
    this.objects = objects;
  }

  /**
   * @param args the call's arguments as the caller gave them
   * @return the arguments on the wire, once every reference among them is ready
   * @throws RustyException when an argument cannot be encoded, or is a reference of another runtime
   */
  CompletableFuture<List<TaskArg>> resolve(Object[] args) {
    List<CompletableFuture<TaskArg>> parts = new ArrayList<>(args.length);
    for (Object arg : args) {
      if (arg instanceof ClusterObjectRef<?> ref) {
        parts.add(ref.value().thenCompose(v -> v.asArgument(objects::uploadToStore)));
      } else if (arg instanceof ObjectRef<?>) {
        throw new RustyException("an ObjectRef of another runtime cannot be passed: " + arg);
      } else {
        parts.add(
            CompletableFuture.completedFuture(
                TaskArg.newBuilder()
                    .setValue(ByteString.copyFrom(ObjectValue.encode(arg)))
                    .build()));
      }
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> parts.stream().map(CompletableFuture::join).toList());
  }

  /**
   * The objects passed as arguments must outlive the call: the node that runs it fetches them, and
   * an argument reference collected too early would free its object first.
   *
   * @param args the call's arguments
   * @param call completes when the call is done
   */
  static void keepReachableUntilDone(Object[] args, CompletableFuture<?> call) {
    call.whenComplete((v, t) -> Reference.reachabilityFence(args));
  }
}

package io.rustyray.runtime.worker;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyException;
import io.rustyray.protocol.codec.NestedReferences;
import io.rustyray.protocol.codec.ValueCodec;
import io.rustyray.protocol.codec.ValueCodec.ValueCodecException;
import io.rustyray.protocol.function.ActorExitSignal;
import io.rustyray.protocol.function.MethodResolver;
import io.rustyray.protocol.objects.ObjectTransfer;
import io.rustyray.protocol.proto.FunctionDescriptor;
import io.rustyray.protocol.proto.ObjectReference;
import io.rustyray.protocol.proto.RemoteError;
import io.rustyray.protocol.proto.TaskArg;
import io.rustyray.protocol.proto.TaskResult;
import io.rustyray.protocol.transport.Channels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs user code by name: finds the method, reads its arguments into the parameter types (fetching
 * referenced objects from the nodes that hold them), invokes it, and writes its result (a large one
 * goes to this worker's node's object store, which outlives the worker). Problems with the call
 * itself become gRPC statuses; an exception of the user's code becomes part of the result.
 */
final class FunctionInvoker {
  private final String nodeId;
  private final String nodeAddress;
  private final Channels channels;
  private final ClassLoader loader;
  private final Map<FunctionDescriptor, Executable> resolved = new ConcurrentHashMap<>();

  /**
   * @param nodeId the worker's node
   * @param nodeAddress where that node serves its object store
   * @param channels channels to the nodes, with the cluster token
   * @param loader the classes of the worker's job: the runtime's and the job's jars
   */
  FunctionInvoker(String nodeId, String nodeAddress, Channels channels, ClassLoader loader) {
    this.nodeId = nodeId;
    this.nodeAddress = nodeAddress;
    this.channels = channels;
    this.loader = loader;
  }

  /** Finds a function in the classes of this worker's job. */
  Executable resolve(FunctionDescriptor function) throws StatusException {
    Executable known = resolved.get(function);
    if (known != null) {
      return known;
    }
    try {
      Executable executable = MethodResolver.resolve(function, loader);
      resolved.put(function, executable);
      return executable;
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw Status.NOT_FOUND
          .withDescription(
              "class "
                  + function.getClassName()
                  + " is not on the classpath of node "
                  + nodeId
                  + " (it must ship in the runtime image or the job's jars)")
          .asException();
    } catch (NoSuchMethodException e) {
      if (function.getSignature().isEmpty()) {
        throw Status.NOT_FOUND.withDescription(e.getMessage()).asException();
      }
      throw Status.NOT_FOUND
          .withDescription(
              MethodResolver.display(function)
                  + " does not exist on node "
                  + nodeId
                  + " (is the node running another version of "
                  + function.getClassName()
                  + "?)")
          .asException();
    } catch (LinkageError e) {
      throw Status.INTERNAL
          .withDescription("class " + function.getClassName() + " cannot be loaded: " + e)
          .asException();
    }
  }

  /** Reads the arguments into the parameter types of {@code executable}. */
  Object[] arguments(Executable executable, FunctionDescriptor function, List<TaskArg> args)
      throws StatusException {
    Type[] types = executable.getGenericParameterTypes();
    if (types.length != args.size()) {
      throw Status.INVALID_ARGUMENT
          .withDescription(
              MethodResolver.display(function)
                  + " takes "
                  + types.length
                  + " argument(s), the call passed "
                  + args.size())
          .asException();
    }
    Object[] values = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      byte[] bytes = bytesOf(args.get(i), i, function);
      try {
        values[i] = ValueCodec.decode(bytes, types[i]);
      } catch (ValueCodecException e) {
        throw Status.INVALID_ARGUMENT
            .withDescription(
                "argument "
                    + i
                    + " of "
                    + MethodResolver.display(function)
                    + " has the wrong type: "
                    + e.getMessage())
            .asException();
      }
      if (values[i] == null && types[i] instanceof Class<?> c && c.isPrimitive()) {
        throw Status.INVALID_ARGUMENT
            .withDescription(
                "argument " + i + " of " + MethodResolver.display(function) + " cannot be null")
            .asException();
      }
    }
    return values;
  }

  private byte[] bytesOf(TaskArg arg, int index, FunctionDescriptor function)
      throws StatusException {
    if (arg.hasValue()) {
      return arg.getValue().toByteArray();
    }
    ObjectReference ref = arg.getRef();
    try {
      return ObjectTransfer.fetch(channels.get(ref.getNodeAddress()), ref.getObjectId())
          .get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw Status.NOT_FOUND
          .withDescription(
              "argument "
                  + index
                  + " of "
                  + MethodResolver.display(function)
                  + " refers to object "
                  + ref.getObjectId()
                  + ", which node "
                  + ref.getNodeAddress()
                  + " could not provide: "
                  + Status.fromThrowable(e).getDescription())
          .asException();
    }
  }

  /**
   * Calls the function and packs what it returned or threw.
   *
   * @param target the actor instance, or null for a static method
   * @param resultId the id under which a large result is stored
   * @param owner the caller that owns the result
   */
  TaskResult invoke(
      Object target,
      Executable executable,
      FunctionDescriptor function,
      Object[] args,
      String resultId,
      String owner)
      throws StatusException {
    Object value;
    try {
      value = ((Method) executable).invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ActorExitSignal exit) {
        // Not the method's result: the caller asks the head, which has the actor dead by now.
        throw Status.UNAVAILABLE.withDescription(exit.getMessage()).asException();
      }
      return TaskResult.newBuilder().setError(remoteError(e.getCause())).setNodeId(nodeId).build();
    } catch (IllegalAccessException | IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription("cannot call " + MethodResolver.display(function) + ": " + e)
          .asException();
    }
    byte[] bytes;
    String containedHolder = "";
    try {
      ValueCodec.Encoded encoded = ValueCodec.encodeCollecting(value);
      bytes = encoded.bytes();
      if (!encoded.storedRefs().isEmpty()) {
        // The result's nested references stay held for its owner until it drops the result.
        containedHolder = owner + "/in:" + resultId;
        ((NestedReferences) Rusty.runtime()).holdContained(encoded.storedRefs(), containedHolder);
      }
    } catch (ValueCodecException | RustyException e) {
      throw Status.INTERNAL
          .withDescription(
              "the result of " + MethodResolver.display(function) + ": " + e.getMessage())
          .asException();
    }
    TaskResult.Builder result =
        TaskResult.newBuilder().setNodeId(nodeId).setContainedHolder(containedHolder);
    if (bytes.length < ObjectTransfer.INLINE_LIMIT_BYTES) {
      return result.setValue(ByteString.copyFrom(bytes)).build();
    }
    try {
      ObjectTransfer.upload(channels.get(nodeAddress), resultId, owner, bytes)
          .get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw Status.INTERNAL
          .withDescription(
              "the result of "
                  + MethodResolver.display(function)
                  + " could not be stored on node "
                  + nodeId
                  + ": "
                  + Status.fromThrowable(e).getDescription())
          .asException();
    }
    return result
        .setStored(
            ObjectReference.newBuilder()
                .setObjectId(resultId)
                .setNodeAddress(nodeAddress)
                .setSizeBytes(bytes.length))
        .build();
  }

  /** Builds an actor instance; a constructor that throws fails the creation with its exception. */
  Object construct(Executable executable, FunctionDescriptor function, Object[] args)
      throws StatusException {
    try {
      if (executable instanceof Constructor<?> c) {
        return c.newInstance(args);
      }
      return ((Method) executable).invoke(null, args);
    } catch (InvocationTargetException e) {
      RemoteError error = remoteError(e.getCause());
      throw Status.ABORTED
          .withDescription(
              MethodResolver.display(function)
                  + " threw "
                  + error.getClassName()
                  + (error.getMessage().isEmpty() ? "" : ": " + error.getMessage()))
          .asException();
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription("cannot construct with " + MethodResolver.display(function) + ": " + e)
          .asException();
    }
  }

  static RemoteError remoteError(Throwable t) {
    StringWriter stack = new StringWriter();
    t.printStackTrace(new PrintWriter(stack));
    return RemoteError.newBuilder()
        .setClassName(t.getClass().getName())
        .setMessage(t.getMessage() == null ? "" : t.getMessage())
        .setStackTrace(stack.toString())
        .build();
  }
}

package io.rustyray.client;

import com.google.protobuf.UnsafeByteOperations;
import io.rustyray.api.exception.RustyException;
import io.rustyray.protocol.codec.ValueCodec;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.objects.ObjectTransfer;
import io.rustyray.protocol.proto.ObjectReference;
import io.rustyray.protocol.proto.TaskArg;
import io.rustyray.protocol.proto.TaskResult;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Where the bytes of a ready object are: in this process (a small result, or a value this process
 * put), or in a node's store. A large value put by this process stays here, as in Ray the owner's
 * store keeps it, and is copied to a node's store only when a call elsewhere needs it.
 */
final class ObjectValue {
  private final byte[] local;
  private ObjectReference stored;
  private CompletableFuture<ObjectReference> upload;
  // Nested references: the holder of the stored objects this value refers to, or null.
  private final String containedHolder;
  // Nested references: once written into another value, the head counts who holds the object.
  private boolean shared;

  private ObjectValue(byte[] local, ObjectReference stored, String containedHolder) {
    this.local = local;
    this.stored = stored;
    this.containedHolder = containedHolder;
  }

  static ObjectValue local(byte[] bytes) {
    return new ObjectValue(bytes, null, null);
  }

  /**
   * @param bytes the value's bytes
   * @param containedHolder the holder of the stored objects its nested references name, or null
   */
  static ObjectValue local(byte[] bytes, String containedHolder) {
    return new ObjectValue(bytes, null, containedHolder);
  }

  static ObjectValue stored(ObjectReference reference) {
    return new ObjectValue(null, reference, null);
  }

  private static String holderOf(TaskResult result) {
    return result.getContainedHolder().isEmpty() ? null : result.getContainedHolder();
  }

  /**
   * @param value a value of this process
   * @return its bytes on the wire
   * @throws RustyException when the codec cannot write it
   */
  static byte[] encode(Object value) {
    try {
      return ValueCodec.encode(value);
    } catch (ValueCodec.ValueCodecException e) {
      throw new RustyException(e.getMessage(), e);
    }
  }

  /**
   * @param value a value of this process
   * @return its bytes and the stored objects its nested references name
   * @throws RustyException when the codec cannot write it
   */
  static ValueCodec.Encoded encodeCollecting(Object value) {
    try {
      return ValueCodec.encodeCollecting(value);
    } catch (ValueCodec.ValueCodecException e) {
      throw new RustyException(e.getMessage(), e);
    }
  }

  /**
   * Completes a call's future from what the node sent back.
   *
   * @param target the call's future
   * @param function the function called, named in errors
   * @param result the value inline, where it is stored, or the error it threw
   */
  static void complete(
      CompletableFuture<ObjectValue> target, ResolvedFunction function, TaskResult result) {
    complete(target, function.display(), result);
  }

  /**
   * @param display the call as its errors name it (with its name, when it has one)
   */
  static void complete(CompletableFuture<ObjectValue> target, String display, TaskResult result) {
    switch (result.getOutcomeCase()) {
      case VALUE ->
          target.complete(new ObjectValue(result.getValue().toByteArray(), null, holderOf(result)));
      case STORED -> target.complete(new ObjectValue(null, result.getStored(), holderOf(result)));
      case ERROR -> target.completeExceptionally(Errors.taskFailed(display, result.getError()));
      default ->
          target.completeExceptionally(
              new RustyException("the node sent an empty result for " + display));
    }
  }

  /** The bytes, when this process has them. */
  byte[] localBytes() {
    return local;
  }

  /** The node copy, if there is one yet. */
  synchronized ObjectReference storedCopy() {
    return stored;
  }

  /** The holder of the stored objects this value's nested references name, or null. */
  String containedHolder() {
    return containedHolder;
  }

  /** Marks the object as shared; true the first time. */
  synchronized boolean markShared() {
    boolean first = !shared;
    shared = true;
    return first;
  }

  synchronized boolean shared() {
    return shared;
  }

  /**
   * @param uploader copies the bytes to a node's store and says where
   * @return where a node's store keeps the object, after copying it there if need be
   */
  CompletableFuture<ObjectReference> ensureStored(
      Function<byte[], CompletableFuture<ObjectReference>> uploader) {
    synchronized (this) {
      if (stored != null) {
        return CompletableFuture.completedFuture(stored);
      }
      if (upload == null) {
        upload = startUpload(uploader);
      }
    }
    return upload;
  }

  // Called with this object's lock held.
  private CompletableFuture<ObjectReference> startUpload(
      Function<byte[], CompletableFuture<ObjectReference>> uploader) {
    return uploader
        .apply(local)
        .thenApply(
            reference -> {
              synchronized (this) {
                stored = reference;
              }
              return reference;
            });
  }

  /**
   * @param uploader copies the bytes to a node's store and says where
   * @return this object as an argument of another call: small values inline, others by reference
   */
  CompletableFuture<TaskArg> asArgument(
      Function<byte[], CompletableFuture<ObjectReference>> uploader) {
    synchronized (this) {
      if (stored != null) {
        return CompletableFuture.completedFuture(TaskArg.newBuilder().setRef(stored).build());
      }
      if (local.length < ObjectTransfer.INLINE_LIMIT_BYTES) {
        return CompletableFuture.completedFuture(
            TaskArg.newBuilder().setValue(UnsafeByteOperations.unsafeWrap(local)).build());
      }
      if (upload == null) {
        upload = startUpload(uploader);
      }
    }
    return upload.thenApply(reference -> TaskArg.newBuilder().setRef(reference).build());
  }
}

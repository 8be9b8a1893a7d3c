package io.rustyray.core.client;

import io.rustyray.api.proto.ObjectReference;
import io.rustyray.api.proto.TaskArg;

/**
 * Where the bytes of a ready object are: in this process, or in a node's store.
 *
 * @param inline the bytes, or null
 * @param stored the node that holds them, or null
 */
record ObjectValue(byte[] inline, ObjectReference stored) {

  static ObjectValue inline(byte[] bytes) {
    return new ObjectValue(bytes, null);
  }

  static ObjectValue stored(ObjectReference reference) {
    return new ObjectValue(null, reference);
  }

  /**
   * @return this object as an argument of another call: small values inline, others by reference
   */
  TaskArg asArgument() {
    return inline != null
        ? TaskArg.newBuilder().setValue(com.google.protobuf.ByteString.copyFrom(inline)).build()
        : TaskArg.newBuilder().setRef(stored).build();
  }
}

package io.rustyray.runtime.worker;

import io.grpc.StatusException;
import io.rustyray.protocol.proto.TaskResult;

/** Where the reply to one actor call goes, once. */
interface CallReply {
  void ok(TaskResult result);

  void fail(StatusException failure);
}

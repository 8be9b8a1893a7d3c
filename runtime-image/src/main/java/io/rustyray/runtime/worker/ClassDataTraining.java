package io.rustyray.runtime.worker;

import io.rustyray.protocol.codec.ValueCodec;
import io.rustyray.protocol.proto.PushActorTaskRequest;
import io.rustyray.protocol.proto.WorkerServiceGrpc;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.fencing.Lease;
import io.rustyray.runtime.server.RuntimeServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What a worker does at its start and first call, done once so that the JVM can record the classes
 * it loads in a class-data archive: workers started with that archive start in half the time.
 */
final class ClassDataTraining {
  private ClassDataTraining() {}

  static void run() throws Exception {
    WorkerSettings settings =
        new WorkerSettings(
            "training",
            "training",
            "training",
            "",
            "",
            "",
            "127.0.0.1",
            "127.0.0.1",
            1,
            "training");
    RuntimeServer server = new RuntimeServer("127.0.0.1", 0, "");
    server.add(
        new WorkerService(
            settings,
            new FunctionInvoker(
                "training", "", new Channels(""), ClassDataTraining.class.getClassLoader()),
            Executors.newSingleThreadExecutor(),
            Executors.newSingleThreadExecutor(),
            new Lease(),
            (actorId, checkpoint, headWait) -> {}));
    try (Channels channels = new Channels("")) {
      try {
        WorkerServiceGrpc.newBlockingStub(channels.get("127.0.0.1:" + server.port()))
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .pushActorTask(PushActorTaskRequest.newBuilder().setActorId("none").build());
      } catch (RuntimeException expected) {
        // No such actor: the call went both ways, which is all that is wanted.
      }
    }
    ValueCodec.decode(ValueCodec.encode(Map.of("key", List.of(1, 2.0, "three"))), Object.class);
    server.close();
  }
}

package io.rustyray.runtime.gcs;

import com.google.protobuf.ByteString;
import io.rustyray.protocol.proto.ActorCheckpoint;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorInstanceRef;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.AttachDriverEvent;
import io.rustyray.protocol.proto.AttachDriverRequest;
import io.rustyray.protocol.proto.CreateActorReply;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.DetachDriverReply;
import io.rustyray.protocol.proto.DetachDriverRequest;
import io.rustyray.protocol.proto.FunctionDescriptor;
import io.rustyray.protocol.proto.GetActorReply;
import io.rustyray.protocol.proto.GetActorRequest;
import io.rustyray.protocol.proto.HeartbeatReply;
import io.rustyray.protocol.proto.HeartbeatRequest;
import io.rustyray.protocol.proto.KillActorReply;
import io.rustyray.protocol.proto.KillActorRequest;
import io.rustyray.protocol.proto.ListActorsReply;
import io.rustyray.protocol.proto.ListActorsRequest;
import io.rustyray.protocol.proto.ListNodesReply;
import io.rustyray.protocol.proto.ListNodesRequest;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.RegisterNodeReply;
import io.rustyray.protocol.proto.RegisterNodeRequest;
import io.rustyray.protocol.proto.ReportWorkerFailureReply;
import io.rustyray.protocol.proto.ReportWorkerFailureRequest;
import io.rustyray.protocol.proto.Resources;
import io.rustyray.protocol.proto.SaveActorCheckpointReply;
import io.rustyray.protocol.proto.SaveActorCheckpointRequest;
import io.rustyray.protocol.proto.StateChange;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.proto.UnregisterNodeReply;
import io.rustyray.protocol.proto.UnregisterNodeRequest;
import io.rustyray.protocol.proto.WatchStateRequest;
import io.rustyray.runtime.gcs.store.GcsStore;
import io.rustyray.runtime.gcs.store.InMemoryTestStore;
import io.rustyray.runtime.gcs.store.MemoryStore;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import io.rustyray.runtime.jobs.JobManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A head (the GCS behind its gRPC face) on a {@link TestingClock} and {@link TestingNodeClients}:
 * no processes, no sockets. Tests talk to it as nodes and clients do, through {@link GcsService},
 * and read what a user would see: the state stream and the tables.
 */
final class TestingHead implements AutoCloseable {
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
  static final Duration NODE_TIMEOUT = Duration.ofSeconds(4);

  final TestingClock clock = new TestingClock();
  final TestingNodeClients nodes = new TestingNodeClients();
  private final Gcs gcs;
  private final GcsService service;
  private final RecordingStream<StateChange> stateStream = new RecordingStream<>();
  private final Set<String> heartbeating = ConcurrentHashMap.newKeySet();

  TestingHead() {
    this(new MemoryStore());
  }

  /** A head on {@code store}, recovering what an earlier head kept there. */
  TestingHead(GcsStore store) {
    gcs = new Gcs(nodes, clock, store, new GcsSettings(HEARTBEAT_INTERVAL, NODE_TIMEOUT));
    service =
        new GcsService(
            gcs,
            new JobManager(
                Path.of(System.getProperty("java.io.tmpdir"), "rustyray-testing-head"),
                "head:6379",
                "",
                new InMemoryTestStore(false),
                gcs::jobEnded,
                gcs::jobChanged),
            Runnable::run);
    try {
      gcs.recover();
    } catch (StoreUnavailableException e) {
      throw new AssertionError("the store cannot be read", e);
    }
    gcs.start();
    service.watchState(WatchStateRequest.getDefaultInstance(), stateStream);
  }

  static String address(String nodeId) {
    return nodeId + ":7000";
  }

  static Resources resources(Map<String, Double> amounts) {
    return Resources.newBuilder().putAllAmounts(amounts).build();
  }

  static ActorSpec actor(Map<String, Double> resources, int maxRestarts) {
    return ActorSpec.newBuilder()
        .setConstructor(
            FunctionDescriptor.newBuilder().setClassName("Counter").setMethodName("<init>"))
        .setResources(resources(resources))
        .setMaxRestarts(maxRestarts)
        .setDetached(true)
        .build();
  }

  static TaskSpec task(String taskId, Map<String, Double> resources, int maxRetries) {
    return TaskSpec.newBuilder()
        .setTaskId(taskId)
        .setFunction(
            FunctionDescriptor.newBuilder().setClassName("Fns").setMethodName("slowSquare"))
        .setResources(resources(resources))
        .setMaxRetries(maxRetries)
        .build();
  }

  /** A node registers, and keeps sending heartbeats while time passes. */
  String nodeJoins(String nodeId, Map<String, Double> resources) {
    RecordingStream<RegisterNodeReply> reply = new RecordingStream<>();
    service.registerNode(
        RegisterNodeRequest.newBuilder()
            .setNodeId(nodeId)
            .setAddress(address(nodeId))
            .setResources(resources(resources))
            .build(),
        reply);
    single(reply);
    heartbeating.add(nodeId);
    return address(nodeId);
  }

  /** The node falls silent (its process is gone or cut off); the head is not told. */
  void nodeFallsSilent(String nodeId) {
    heartbeating.remove(nodeId);
  }

  /** The node says goodbye, as one does on SIGTERM. */
  void nodeLeaves(String nodeId) {
    heartbeating.remove(nodeId);
    RecordingStream<UnregisterNodeReply> reply = new RecordingStream<>();
    service.unregisterNode(
        UnregisterNodeRequest.newBuilder().setNodeId(nodeId).setReason("stopped").build(), reply);
    single(reply);
  }

  /** Time passes, in heartbeat intervals; each node that is not silent sends its heartbeats. */
  void timePasses(Duration duration) {
    for (Duration left = duration; !left.isNegative() && !left.isZero(); ) {
      Duration step = left.compareTo(HEARTBEAT_INTERVAL) < 0 ? left : HEARTBEAT_INTERVAL;
      clock.advance(step);
      for (String nodeId : heartbeating) {
        RecordingStream<HeartbeatReply> reply = new RecordingStream<>();
        service.heartbeat(HeartbeatRequest.newBuilder().setNodeId(nodeId).build(), reply);
        single(reply);
      }
      left = left.minus(step);
    }
  }

  ActorInfo createActor(ActorSpec spec) {
    RecordingStream<CreateActorReply> reply = new RecordingStream<>();
    service.createActor(CreateActorRequest.newBuilder().setSpec(spec).build(), reply);
    return single(reply).getActor();
  }

  /** How {@code CreateActor} answers: its reply or its error, recorded. */
  RecordingStream<CreateActorReply> createActorAnswer(ActorSpec spec) {
    RecordingStream<CreateActorReply> reply = new RecordingStream<>();
    service.createActor(CreateActorRequest.newBuilder().setSpec(spec).build(), reply);
    return reply;
  }

  /** How {@code GetActor} by name answers: its reply or its error, recorded. */
  RecordingStream<GetActorReply> actorNamedAnswer(String namespace, String name) {
    RecordingStream<GetActorReply> reply = new RecordingStream<>();
    service.getActor(
        GetActorRequest.newBuilder().setName(name).setNamespace(namespace).build(), reply);
    return reply;
  }

  ActorInfo killActor(String actorId, boolean noRestart) {
    RecordingStream<KillActorReply> reply = new RecordingStream<>();
    service.killActor(
        KillActorRequest.newBuilder().setActorId(actorId).setNoRestart(noRestart).build(), reply);
    return single(reply).getActor();
  }

  /** The node reports that the worker process of an actor's instance died. */
  void workerDies(String nodeId, String actorId, int incarnation, String cause) {
    RecordingStream<ReportWorkerFailureReply> reply = new RecordingStream<>();
    service.reportWorkerFailure(
        ReportWorkerFailureRequest.newBuilder()
            .setNodeId(nodeId)
            .setWorkerId(nodeId + "-w1")
            .addActors(
                ActorInstanceRef.newBuilder().setActorId(actorId).setIncarnation(incarnation))
            .setCause(cause)
            .build(),
        reply);
    single(reply);
  }

  /** A durable actor's worker hands over a checkpoint; the reply (or its refusal) is recorded. */
  RecordingStream<SaveActorCheckpointReply> saveCheckpoint(
      String actorId, int incarnation, long calls, byte[] state) {
    RecordingStream<SaveActorCheckpointReply> reply = new RecordingStream<>();
    service.saveActorCheckpoint(
        SaveActorCheckpointRequest.newBuilder()
            .setActorId(actorId)
            .setCheckpoint(
                ActorCheckpoint.newBuilder()
                    .setIncarnation(incarnation)
                    .setCalls(calls)
                    .setTakenAtMs(1_000 + calls)
                    .setState(ByteString.copyFrom(state)))
            .build(),
        reply);
    return reply;
  }

  /** Asks for a kill without waiting for its answer, which comes once the node has ended it. */
  RecordingStream<KillActorReply> killActorAsync(String actorId) {
    RecordingStream<KillActorReply> reply = new RecordingStream<>();
    service.killActor(
        KillActorRequest.newBuilder().setActorId(actorId).setNoRestart(true).build(), reply);
    return reply;
  }

  /** The actor as {@code ListActors} shows it now. */
  ActorInfo actor(String actorId) {
    RecordingStream<ListActorsReply> reply = new RecordingStream<>();
    service.listActors(ListActorsRequest.getDefaultInstance(), reply);
    return single(reply).getActorsList().stream()
        .filter(a -> a.getActorId().equals(actorId))
        .findFirst()
        .orElseThrow();
  }

  /** The node as {@code ListNodes} shows it now. */
  NodeInfo node(String nodeId) {
    RecordingStream<ListNodesReply> reply = new RecordingStream<>();
    service.listNodes(ListNodesRequest.getDefaultInstance(), reply);
    return single(reply).getNodesList().stream()
        .filter(n -> n.getNodeId().equals(nodeId))
        .findFirst()
        .orElseThrow();
  }

  /** The states the actor went through on the state stream, each change of state once. */
  List<ActorState> statesSeen(String actorId) {
    List<ActorState> states = new ArrayList<>();
    for (StateChange change : stateStream.received) {
      if (change.hasActor() && change.getActor().getActorId().equals(actorId)) {
        ActorState state = change.getActor().getState();
        if (states.isEmpty() || states.get(states.size() - 1) != state) {
          states.add(state);
        }
      }
    }
    return states;
  }

  /** Every update of the actor on the state stream, in order. */
  List<ActorInfo> updatesOf(String actorId) {
    return stateStream.received.stream()
        .filter(c -> c.hasActor() && c.getActor().getActorId().equals(actorId))
        .map(StateChange::getActor)
        .toList();
  }

  /** A client process attaches to the head, as {@code Rusty.init} does. */
  RecordingStream<AttachDriverEvent> driverAttaches(String ownerId, String jobId) {
    RecordingStream<AttachDriverEvent> stream = new RecordingStream<>();
    service.attachDriver(
        AttachDriverRequest.newBuilder().setOwnerId(ownerId).setJobId(jobId).build(), stream);
    return stream;
  }

  /** A client process says goodbye, as {@code Rusty.shutdown} does before it hangs up. */
  void driverDetaches(String ownerId, String jobId) {
    RecordingStream<DetachDriverReply> reply = new RecordingStream<>();
    service.detachDriver(
        DetachDriverRequest.newBuilder().setOwnerId(ownerId).setJobId(jobId).build(), reply);
    single(reply);
  }

  /** A client's task stream to the head, as the SDK opens it. */
  RecordingStream<TaskReply> openTaskStream(List<TaskSpec> tasks) {
    RecordingStream<TaskReply> replies = new RecordingStream<>();
    var requests = service.submitTasks(replies);
    tasks.forEach(requests::onNext);
    return replies;
  }

  private static <T> T single(RecordingStream<T> reply) {
    if (reply.error != null) {
      throw new AssertionError("the head answered with an error", reply.error);
    }
    if (reply.received.size() != 1) {
      throw new AssertionError("expected one reply, got " + reply.received);
    }
    return reply.received.get(0);
  }

  /** The head's gRPC face, for calls this class has no helper for. */
  GcsService service() {
    return service;
  }

  @Override
  public void close() {
    gcs.close();
  }
}

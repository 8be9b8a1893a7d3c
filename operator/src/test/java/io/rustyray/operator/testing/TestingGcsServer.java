package io.rustyray.operator.testing;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.CheckpointInfo;
import io.rustyray.protocol.proto.CreateActorReply;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetActorReply;
import io.rustyray.protocol.proto.GetActorRequest;
import io.rustyray.protocol.proto.GetHeadInfoRequest;
import io.rustyray.protocol.proto.GetJobRequest;
import io.rustyray.protocol.proto.HeadInfo;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.protocol.proto.KillActorReply;
import io.rustyray.protocol.proto.KillActorRequest;
import io.rustyray.protocol.proto.ListActorsReply;
import io.rustyray.protocol.proto.ListActorsRequest;
import io.rustyray.protocol.proto.ListJobsReply;
import io.rustyray.protocol.proto.ListJobsRequest;
import io.rustyray.protocol.proto.ListNodesReply;
import io.rustyray.protocol.proto.ListNodesRequest;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.protocol.proto.StateChange;
import io.rustyray.protocol.proto.StopJobRequest;
import io.rustyray.protocol.proto.SubmitJobRequest;
import io.rustyray.protocol.proto.WatchStateRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process head for operator tests: keeps actors and jobs in memory, records the calls the
 * operator makes (with their authorization header), and pushes actor and job changes to WatchState
 * subscribers as a real head does.
 */
public final class TestingGcsServer {
  /** A call the operator made. */
  public record Call(String method, Object request, String authorization) {}

  private static final io.grpc.Context.Key<String> AUTH = io.grpc.Context.key("auth");
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Map<String, ActorInfo> actors = new ConcurrentHashMap<>();
  private final Map<String, JobInfo> jobs = new ConcurrentHashMap<>();
  private final Map<String, NodeInfo> nodes = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<StreamObserver<StateChange>> watchers = new CopyOnWriteArrayList<>();

  // A gRPC stream takes one writer at a time, and nothing after its end: the test's thread and
  // the server's threads write to the watchers under this lock.
  private final Object streams = new Object();
  private final AtomicInteger ids = new AtomicInteger();
  // Null: the head answers GetHeadInfo UNIMPLEMENTED, as heads before durable stores did.
  private volatile HeadInfo headInfo;
  private volatile Function<ActorSpec, ActorInfo.Builder> onCreate =
      spec -> ActorInfo.newBuilder().setState(ActorState.ALIVE).setNodeId("node-1");
  private final Server server;

  public TestingGcsServer() throws IOException {
    ServerInterceptor capture =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String auth = headers.get(AUTHORIZATION);
            return io.grpc.Contexts.interceptCall(
                io.grpc.Context.current().withValue(AUTH, auth == null ? "" : auth),
                call,
                headers,
                next);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(new Service(), capture))
            // As the runtime's server: the operator's channels ping every 10 s.
            .permitKeepAliveTime(5, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            .build()
            .start();
  }

  public int port() {
    return server.getPort();
  }

  public void stop() {
    server.shutdownNow();
  }

  /** Forgets everything and drops the calls recorded, as a new head would. */
  public void reset() {
    actors.clear();
    jobs.clear();
    nodes.clear();
    calls.clear();
    headInfo = null;
    onCreate = spec -> ActorInfo.newBuilder().setState(ActorState.ALIVE).setNodeId("node-1");
  }

  /** Ends every WatchState stream and forgets all actors and jobs: the head was replaced. */
  public void replaceHead() {
    actors.clear();
    jobs.clear();
    endWatchers();
  }

  /**
   * From now on the head says it keeps its tables in this store (a first head on it).
   *
   * @param store the store as the head names it, e.g. redis://redis:6379/0; "memory" for none
   */
  public void headOnStore(String store) {
    headInfo =
        HeadInfo.newBuilder()
            .setHeadId("head-" + ids.incrementAndGet())
            .setClusterIncarnation(1)
            .setStore(store)
            .setDurable(!"memory".equals(store))
            .setStoreReachable(true)
            .build();
  }

  /**
   * A new head on the same durable store: actors, jobs and KV survive, the incarnation goes up, and
   * every WatchState stream ends as the old head's process did.
   *
   * @param recoveredKvEntries what the new head says it loaded of the KV store
   */
  public void restartDurableHead(int recoveredKvEntries) {
    HeadInfo previous = headInfo;
    headInfo =
        previous.toBuilder()
            .setHeadId("head-" + ids.incrementAndGet())
            .setClusterIncarnation(previous.getClusterIncarnation() + 1)
            .setRecoveredActors(
                (int) actors.values().stream().filter(a -> a.getState() != ActorState.DEAD).count())
            .setRecoveredJobs(jobs.size())
            .setRecoveredKvEntries(recoveredKvEntries)
            .build();
    endWatchers();
  }

  /** A new head with an in-memory store: everything is forgotten and the streams end. */
  public void restartHeadInMemory() {
    headInfo =
        HeadInfo.newBuilder()
            .setHeadId("head-" + ids.incrementAndGet())
            .setClusterIncarnation(1)
            .setStore("memory")
            .setStoreReachable(true)
            .build();
    replaceHead();
  }

  /**
   * @param recovering whether the head says it still waits for its nodes; the watchers are told
   */
  public void setRecovering(boolean recovering) {
    headInfo = headInfo.toBuilder().setRecovering(recovering).build();
    StateChange change = StateChange.newBuilder().setHead(headInfo).build();
    tellWatchers(change);
  }

  /** Forgets one actor without telling anyone, as a head whose name index lost it would. */
  public void forget(String actorId) {
    actors.remove(actorId);
  }

  /**
   * @param behaviour what a CreateActor call results in
   */
  public void onCreate(Function<ActorSpec, ActorInfo.Builder> behaviour) {
    this.onCreate = behaviour;
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** The live actor of that name, in whichever namespace. */
  public Optional<ActorInfo> actorNamed(String name) {
    return actors.values().stream()
        .filter(a -> a.getName().equals(name) && a.getState() != ActorState.DEAD)
        .findFirst();
  }

  /** The live actor of that name in that namespace, as the head's name registry keys them. */
  public Optional<ActorInfo> actorNamed(String namespace, String name) {
    return actors.values().stream()
        .filter(
            a ->
                a.getNamespace().equals(namespace)
                    && a.getName().equals(name)
                    && a.getState() != ActorState.DEAD)
        .findFirst();
  }

  /**
   * Node agents join, as a worker pod's does once it registers with the head (its node id is the
   * pod's name), and the watchers are told.
   *
   * @param nodeIds the joining nodes
   */
  public void join(List<String> nodeIds) {
    for (String id : nodeIds) {
      NodeInfo node = NodeInfo.newBuilder().setNodeId(id).setState(NodeState.NODE_ALIVE).build();
      if (nodes.put(id, node) == null) {
        StateChange change = StateChange.newBuilder().setNode(node).build();
        tellWatchers(change);
      }
    }
  }

  /**
   * @return how many nodes this head lists as alive: its own and those that joined
   */
  public int nodesAlive() {
    return 1 + nodes.size();
  }

  /** Changes an actor and tells the watchers, as the GCS does. */
  public void update(ActorInfo actor) {
    actors.put(actor.getActorId(), actor);
    StateChange change = StateChange.newBuilder().setActor(actor).build();
    tellWatchers(change);
  }

  private void tellWatchers(StateChange change) {
    synchronized (streams) {
      watchers.forEach(w -> w.onNext(change));
    }
  }

  private void endWatchers() {
    synchronized (streams) {
      watchers.forEach(StreamObserver::onCompleted);
      watchers.clear();
    }
  }

  public JobInfo job(String jobId) {
    return jobs.get(jobId);
  }

  public List<JobInfo> jobs() {
    return new ArrayList<>(jobs.values());
  }

  /** Changes a job and tells the watchers, as the head's job manager does. */
  public void setJob(String jobId, JobStatus status, String message) {
    JobInfo changed =
        jobs.computeIfPresent(
            jobId,
            (id, job) ->
                job.toBuilder()
                    .setStatus(status)
                    .setMessage(message)
                    .setStartTimeMs(
                        job.getStartTimeMs() == 0
                            ? System.currentTimeMillis()
                            : job.getStartTimeMs())
                    .setEndTimeMs(
                        status == JobStatus.SUCCEEDED
                                || status == JobStatus.FAILED
                                || status == JobStatus.STOPPED
                            ? System.currentTimeMillis()
                            : 0)
                    .build());
    if (changed != null) {
      publish(changed);
    }
  }

  private void publish(JobInfo job) {
    StateChange change = StateChange.newBuilder().setJob(job).build();
    tellWatchers(change);
  }

  private void record(String method, Object request) {
    calls.add(new Call(method, request, AUTH.get()));
  }

  private final class Service extends GcsServiceGrpc.GcsServiceImplBase {
    @Override
    public void createActor(CreateActorRequest request, StreamObserver<CreateActorReply> reply) {
      record("CreateActor", request);
      ActorSpec spec = request.getSpec();
      if (actorNamed(spec.getNamespace(), spec.getName()).isPresent()) {
        reply.onError(Status.ALREADY_EXISTS.withDescription("name taken").asRuntimeException());
        return;
      }
      ActorInfo.Builder created = onCreate.apply(spec);
      if (spec.hasCheckpoint() && !created.hasCheckpoint()) {
        // As the head: a durable actor's record carries its policy, and no checkpoint yet.
        created.setCheckpoint(CheckpointInfo.newBuilder().setPolicy(spec.getCheckpoint()));
      }
      ActorInfo info =
          created
              .setActorId("actor-" + ids.incrementAndGet())
              .setName(spec.getName())
              .setNamespace(spec.getNamespace())
              .setClassName(spec.getConstructor().getClassName())
              .setDetached(spec.getDetached())
              .build();
      update(info);
      reply.onNext(CreateActorReply.newBuilder().setActor(info).build());
      reply.onCompleted();
    }

    @Override
    public void getActor(GetActorRequest request, StreamObserver<GetActorReply> reply) {
      record("GetActor", request);
      var found = actorNamed(request.getNamespace(), request.getName());
      reply.onNext(
          found
              .map(a -> GetActorReply.newBuilder().setFound(true).setActor(a).build())
              .orElse(GetActorReply.newBuilder().setFound(false).build()));
      reply.onCompleted();
    }

    @Override
    public void killActor(KillActorRequest request, StreamObserver<KillActorReply> reply) {
      record("KillActor", request);
      ActorInfo actor = actors.get(request.getActorId());
      if (actor == null) {
        reply.onError(Status.NOT_FOUND.asRuntimeException());
        return;
      }
      ActorInfo dead = actor.toBuilder().setState(ActorState.DEAD).setDeathCause("killed").build();
      update(dead);
      reply.onNext(KillActorReply.newBuilder().setActor(dead).build());
      reply.onCompleted();
    }

    @Override
    public void getHeadInfo(GetHeadInfoRequest request, StreamObserver<HeadInfo> reply) {
      HeadInfo info = headInfo;
      if (info == null) {
        reply.onError(Status.UNIMPLEMENTED.asRuntimeException());
        return;
      }
      reply.onNext(info);
      reply.onCompleted();
    }

    @Override
    public void listActors(ListActorsRequest request, StreamObserver<ListActorsReply> reply) {
      reply.onNext(ListActorsReply.newBuilder().addAllActors(actors.values()).build());
      reply.onCompleted();
    }

    @Override
    public void listNodes(ListNodesRequest request, StreamObserver<ListNodesReply> reply) {
      reply.onNext(
          ListNodesReply.newBuilder()
              .addNodes(
                  NodeInfo.newBuilder()
                      .setNodeId("node-1")
                      .setState(NodeState.NODE_ALIVE)
                      .setIsHead(true))
              .addAllNodes(nodes.values())
              .build());
      reply.onCompleted();
    }

    @Override
    public void watchState(WatchStateRequest request, StreamObserver<StateChange> observer) {
      ((ServerCallStreamObserver<StateChange>) observer)
          .setOnCancelHandler(() -> watchers.remove(observer));
      synchronized (streams) {
        actors
            .values()
            .forEach(
                a ->
                    observer.onNext(
                        StateChange.newBuilder().setActor(a).setSnapshot(true).build()));
        jobs.values()
            .forEach(
                j -> observer.onNext(StateChange.newBuilder().setJob(j).setSnapshot(true).build()));
        HeadInfo info = headInfo;
        if (info != null) {
          observer.onNext(StateChange.newBuilder().setHead(info).setSnapshot(true).build());
        }
        watchers.add(observer);
      }
    }

    @Override
    public void submitJob(SubmitJobRequest request, StreamObserver<JobInfo> reply) {
      record("SubmitJob", request);
      JobInfo existing =
          jobs.values().stream()
              .filter(j -> j.getSubmissionId().equals(request.getSubmissionId()))
              .findFirst()
              .orElse(null);
      if (existing == null) {
        existing =
            JobInfo.newBuilder()
                .setJobId("job-" + ids.incrementAndGet())
                .setSubmissionId(request.getSubmissionId())
                .setMainClass(request.getMainClass())
                .addAllArgs(request.getArgsList())
                .setStatus(JobStatus.PENDING)
                .build();
        jobs.put(existing.getJobId(), existing);
        publish(existing);
      }
      reply.onNext(existing);
      reply.onCompleted();
    }

    @Override
    public void listJobs(ListJobsRequest request, StreamObserver<ListJobsReply> reply) {
      reply.onNext(ListJobsReply.newBuilder().addAllJobs(jobs.values()).build());
      reply.onCompleted();
    }

    @Override
    public void getJob(GetJobRequest request, StreamObserver<JobInfo> reply) {
      JobInfo job = jobs.get(request.getJobId());
      if (job == null) {
        reply.onError(Status.NOT_FOUND.asRuntimeException());
        return;
      }
      reply.onNext(job);
      reply.onCompleted();
    }

    @Override
    public void stopJob(StopJobRequest request, StreamObserver<JobInfo> reply) {
      record("StopJob", request);
      setJob(request.getJobId(), JobStatus.STOPPED, "stopped");
      JobInfo job = jobs.get(request.getJobId());
      if (job == null) {
        reply.onError(Status.NOT_FOUND.asRuntimeException());
        return;
      }
      reply.onNext(job);
      reply.onCompleted();
    }
  }
}

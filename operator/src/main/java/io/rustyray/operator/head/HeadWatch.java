package io.rustyray.operator.head;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetHeadInfoRequest;
import io.rustyray.protocol.proto.HeadInfo;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.ListActorsRequest;
import io.rustyray.protocol.proto.ListJobsRequest;
import io.rustyray.protocol.proto.ListNodesRequest;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.StateChange;
import io.rustyray.protocol.proto.WatchStateRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Follows one head's WatchState stream and keeps the actors, nodes and jobs it reports. When the
 * stream ends it reconnects with backoff (0.5 s doubling to 10 s); meanwhile the state is not
 * synced, so that nobody mistakes a lost connection for lost actors.
 */
final class HeadWatch {
  private static final Logger LOG = Logger.getLogger(HeadWatch.class);
  private static final long MAX_BACKOFF_MS = 10_000;

  private final ClusterKey cluster;
  private final HeadEndpoint endpoint;
  private final HeadConnections owner;
  private final ScheduledExecutorService scheduler;
  private final Map<String, ActorInfo> actors = new ConcurrentHashMap<>();
  private final Map<String, NodeInfo> nodes = new ConcurrentHashMap<>();
  private final Map<String, JobInfo> jobs = new ConcurrentHashMap<>();
  private volatile HeadInfo info;
  private volatile boolean synced;
  private volatile boolean closed;
  private volatile Context.CancellableContext call;
  private long backoffMs = 500;

  HeadWatch(
      ClusterKey cluster,
      HeadEndpoint endpoint,
      HeadConnections owner,
      ScheduledExecutorService scheduler) {
    this.cluster = cluster;
    this.endpoint = endpoint;
    this.owner = owner;
    this.scheduler = scheduler;
  }

  ClusterKey cluster() {
    return cluster;
  }

  HeadEndpoint endpoint() {
    return endpoint;
  }

  HeadState state() {
    return new HeadState(
        cluster, endpoint, synced, Map.copyOf(actors), Map.copyOf(nodes), Map.copyOf(jobs), info);
  }

  void start() {
    scheduler.execute(this::connect);
  }

  void close() {
    closed = true;
    synced = false;
    Context.CancellableContext current = call;
    if (current != null) {
      current.cancel(null);
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    var channel = owner.channel(endpoint);
    Context.CancellableContext context = Context.current().withCancellation();
    call = context;
    context.run(
        () ->
            GcsServiceGrpc.newStub(channel)
                .watchState(WatchStateRequest.getDefaultInstance(), new Observer(context)));
    try {
      // The stream's snapshot has no end marker: a listing taken after subscribing is the
      // point from which the picture is complete.
      var stub = GcsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
      var listedNodes = stub.listNodes(ListNodesRequest.getDefaultInstance()).getNodesList();
      var listedActors = stub.listActors(ListActorsRequest.getDefaultInstance()).getActorsList();
      var listedJobs = stub.listJobs(ListJobsRequest.getDefaultInstance()).getJobsList();
      headInfo(stub).ifPresent(this::mergeInfo);
      listedNodes.forEach(n -> nodes.putIfAbsent(n.getNodeId(), n));
      listedActors.forEach(this::merge);
      // The stream may already have brought a later state of a job than the listing.
      listedJobs.forEach(this::mergeIfAbsent);
      if (!context.isCancelled() && !closed) {
        synced = true;
        backoffMs = 500;
        owner.fireCluster(cluster);
        listedActors.forEach(a -> owner.fireActor(cluster, a.getName()));
        listedJobs.forEach(j -> owner.fireJob(cluster, j.getSubmissionId()));
      }
    } catch (RuntimeException e) {
      LOG.debugf("listing %s at %s failed: %s", cluster, endpoint, e.getMessage());
      context.cancel(e);
    }
  }

  /** What the head says of itself; a head too old to say is followed as before. */
  private static java.util.Optional<HeadInfo> headInfo(GcsServiceGrpc.GcsServiceBlockingStub stub) {
    try {
      return java.util.Optional.of(stub.getHeadInfo(GetHeadInfoRequest.getDefaultInstance()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return java.util.Optional.empty();
      }
      throw e;
    }
  }

  private void mergeInfo(HeadInfo next) {
    info = next;
  }

  /**
   * Keeps the live actor of a name when an older, dead actor of the same name reports. Only the
   * actors of the cluster's Kubernetes namespace can be a RustyActor's: drivers in other namespaces
   * may hold the same names. A head older than namespaces sends none: its names are the cluster's.
   */
  private boolean merge(ActorInfo info) {
    if (info.getName().isEmpty()
        || !info.getNamespace().isEmpty() && !info.getNamespace().equals(cluster.namespace())) {
      return false;
    }
    ActorInfo existing = actors.get(info.getName());
    if (existing != null
        && !existing.getActorId().equals(info.getActorId())
        && existing.getState() != ActorState.DEAD
        && info.getState() == ActorState.DEAD) {
      return false;
    }
    actors.put(info.getName(), info);
    return true;
  }

  private void mergeIfAbsent(JobInfo job) {
    if (!job.getSubmissionId().isEmpty()) {
      jobs.putIfAbsent(job.getSubmissionId(), job);
    }
  }

  /** Jobs submitted without a submission id (from the CLI) are none of the operator's business. */
  private boolean merge(JobInfo job) {
    if (job.getSubmissionId().isEmpty()) {
      return false;
    }
    jobs.put(job.getSubmissionId(), job);
    return true;
  }

  private void disconnected(Context.CancellableContext context, Throwable error) {
    if (call != context) {
      return;
    }
    synced = false;
    actors.clear();
    nodes.clear();
    jobs.clear();
    info = null;
    if (closed || !owner.isCurrent(this)) {
      return;
    }
    owner.fireCluster(cluster);
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    LOG.infof(
        "state stream of %s at %s ended (%s); reconnecting in %d ms",
        cluster, endpoint, error == null ? "completed" : error.getMessage(), delay);
    scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private final class Observer implements StreamObserver<StateChange> {
    private final Context.CancellableContext context;

    Observer(Context.CancellableContext context) {
      this.context = context;
    }

    @Override
    public void onNext(StateChange change) {
      if (change.hasActor()) {
        ActorInfo actor = change.getActor();
        if (merge(actor) && synced) {
          owner.fireActor(cluster, actor.getName());
        }
      } else if (change.hasJob()) {
        JobInfo job = change.getJob();
        if (merge(job) && synced) {
          owner.fireJob(cluster, job.getSubmissionId());
        }
      } else if (change.hasHead()) {
        mergeInfo(change.getHead());
        // A cluster change also reconciles the cluster's actors, which wait while it recovers.
        if (synced) {
          owner.fireCluster(cluster);
        }
      } else if (change.hasNode()) {
        nodes.put(change.getNode().getNodeId(), change.getNode());
        if (synced) {
          owner.fireCluster(cluster);
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      disconnected(context, t);
    }

    @Override
    public void onCompleted() {
      disconnected(context, null);
    }
  }
}

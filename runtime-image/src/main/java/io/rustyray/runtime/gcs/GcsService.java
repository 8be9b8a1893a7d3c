package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.proto.*;
import io.rustyray.protocol.proto.SaveActorCheckpointReply;
import io.rustyray.protocol.proto.SaveActorCheckpointRequest;
import io.rustyray.runtime.gcs.ObjectDirectory.Location;
import io.rustyray.runtime.jobs.JobManager;
import io.rustyray.runtime.namespace.ActorNamespaces;
import io.rustyray.runtime.scheduler.ResourceSet;
import io.rustyray.runtime.server.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The GCS's gRPC face. Every method answers or fails with a status that says why. */
public final class GcsService extends GcsServiceGrpc.GcsServiceImplBase {
  private final Gcs gcs;
  private final JobManager jobs;
  private final HeldReferences heldReferences;

  /** Handlers run on the event loop; the few that touch disks or wait go here instead. */
  private final ExecutorService slowCalls =
      Executors.newCachedThreadPool(DaemonThreads.named("gcs-slow-call"));

  /** Where handlers that write to the store run: off the event loop that heartbeats share. */
  private final Executor writes;

  public GcsService(Gcs gcs, JobManager jobs) {
    this.gcs = gcs;
    this.jobs = jobs;
    this.heldReferences = new HeldReferences(gcs);
    this.writes = slowCalls;
  }

  /** For tests that drive the head by hand: every handler answers before it returns. */
  GcsService(Gcs gcs, JobManager jobs, Executor writes) {
    this.gcs = gcs;
    this.jobs = jobs;
    this.heldReferences = new HeldReferences(gcs);
    this.writes = writes;
  }

  private static <T> void reply(StreamObserver<T> out, T value) {
    out.onNext(value);
    out.onCompleted();
  }

  @Override
  public void registerNode(RegisterNodeRequest request, StreamObserver<RegisterNodeReply> out) {
    if (request.getNodeId().isEmpty() || request.getAddress().isEmpty()) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription("a node registers with an id and an address")
              .asException());
      return;
    }
    writes.execute(
        () -> {
          List<ActorInstanceRef> drop =
              gcs.registerNode(
                  request.getNodeId(),
                  request.getAddress(),
                  ResourceSet.of(request.getResources()),
                  request.getIsHead(),
                  request.getInstancesList());
          reply(
              out,
              RegisterNodeReply.newBuilder()
                  .setHeartbeatIntervalMs(gcs.heartbeatInterval().toMillis())
                  .setLeaseMs(gcs.lease().toMillis())
                  .addAllDropInstances(drop)
                  .build());
        });
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatReply> out) {
    Gcs.Beat beat = gcs.heartbeat(request);
    reply(
        out,
        HeartbeatReply.newBuilder()
            .setReregister(beat == Gcs.Beat.UNKNOWN)
            .setFenced(beat == Gcs.Beat.FENCED)
            .build());
  }

  @Override
  public void unregisterNode(
      UnregisterNodeRequest request, StreamObserver<UnregisterNodeReply> out) {
    writes.execute(
        () -> {
          gcs.unregisterNode(
              request.getNodeId(), request.getReason().isEmpty() ? "stopped" : request.getReason());
          reply(out, UnregisterNodeReply.getDefaultInstance());
        });
  }

  @Override
  public void saveActorCheckpoint(
      SaveActorCheckpointRequest request, StreamObserver<SaveActorCheckpointReply> out) {
    // Not under the GCS lock: only this actor's slot is held while the store writes, so one
    // actor's fsync does not stall the cluster.
    writes.execute(
        () -> {
          try {
            gcs.checkpoints().save(request.getActorId(), request.getCheckpoint());
          } catch (StatusException e) {
            out.onError(e);
            return;
          }
          reply(out, SaveActorCheckpointReply.getDefaultInstance());
        });
  }

  @Override
  public void getHeadInfo(GetHeadInfoRequest request, StreamObserver<HeadInfo> out) {
    reply(out, gcs.headInfo());
  }

  @Override
  public void listNodes(ListNodesRequest request, StreamObserver<ListNodesReply> out) {
    reply(out, ListNodesReply.newBuilder().addAllNodes(gcs.nodeInfos()).build());
  }

  @Override
  public void createActor(CreateActorRequest request, StreamObserver<CreateActorReply> out) {
    writes.execute(
        () -> {
          ActorInfo info;
          try {
            synchronized (gcs.lock()) {
              info = gcs.actors().create(request);
              heldReferences.actorCreated(request);
            }
          } catch (StatusException e) {
            out.onError(e);
            return;
          }
          reply(out, CreateActorReply.newBuilder().setActor(info).build());
        });
  }

  @Override
  public void getActor(GetActorRequest request, StreamObserver<GetActorReply> out) {
    if (request.getActorId().isEmpty() && request.getName().isEmpty()) {
      out.onError(
          Status.INVALID_ARGUMENT.withDescription("give an actor id or a name").asException());
      return;
    }
    String namespace;
    try {
      namespace = ActorNamespaces.lookedUp(request.getNamespace());
    } catch (StatusException e) {
      out.onError(e);
      return;
    }
    synchronized (gcs.lock()) {
      gcs.actors()
          .awaitSettled(
              request.getActorId(), namespace, request.getName(), request.getWaitSettledMs())
          .whenComplete(
              (value, failure) -> {
                if (failure != null) {
                  out.onError(Status.INTERNAL.withCause(failure).asException());
                } else {
                  reply(out, value);
                }
              });
    }
  }

  @Override
  public void listActors(ListActorsRequest request, StreamObserver<ListActorsReply> out) {
    List<ActorInfo> actors;
    synchronized (gcs.lock()) {
      actors = gcs.actors().list();
    }
    reply(out, ListActorsReply.newBuilder().addAllActors(actors).build());
  }

  @Override
  public void killActor(KillActorRequest request, StreamObserver<KillActorReply> out) {
    writes.execute(() -> kill(request, out));
  }

  private void kill(KillActorRequest request, StreamObserver<KillActorReply> out) {
    ActorManager.Killed killed;
    try {
      synchronized (gcs.lock()) {
        killed =
            request.getExitedItself()
                ? gcs.actors().exited(request.getActorId())
                : gcs.actors().kill(request.getActorId(), request.getNoRestart());
      }
    } catch (StatusException e) {
      out.onError(e);
      return;
    }
    gcs.resourcesFreed();
    // Answer once the node has dropped the instance: a call made after kill() returns must
    // not reach it.
    killed
        .instanceStopped()
        .completeOnTimeout(null, 5, TimeUnit.SECONDS)
        .whenComplete(
            (done, failure) ->
                reply(out, KillActorReply.newBuilder().setActor(killed.actor()).build()));
  }

  @Override
  public void kvPut(KvPutRequest request, StreamObserver<KvPutReply> out) {
    writes.execute(
        () -> {
          try {
            boolean added =
                gcs.kv().put(request.getKey(), request.getValue(), request.getOverwrite());
            reply(out, KvPutReply.newBuilder().setAdded(added).build());
          } catch (StatusException e) {
            out.onError(e);
          }
        });
  }

  @Override
  public void kvGet(KvGetRequest request, StreamObserver<KvGetReply> out) {
    KvGetReply.Builder builder = KvGetReply.newBuilder();
    gcs.kv().get(request.getKey()).ifPresent(v -> builder.setFound(true).setValue(v));
    reply(out, builder.build());
  }

  @Override
  public void kvDelete(KvDeleteRequest request, StreamObserver<KvDeleteReply> out) {
    writes.execute(
        () -> {
          try {
            reply(
                out,
                KvDeleteReply.newBuilder().setDeleted(gcs.kv().delete(request.getKey())).build());
          } catch (StatusException e) {
            out.onError(e);
          }
        });
  }

  @Override
  public void kvList(KvListRequest request, StreamObserver<KvListReply> out) {
    reply(out, KvListReply.newBuilder().addAllKeys(gcs.kv().keys(request.getPrefix())).build());
  }

  @Override
  public void addObjectLocation(
      AddObjectLocationRequest request, StreamObserver<AddObjectLocationReply> out) {
    gcs.objects().add(request.getObjectId(), request.getNodeId(), request.getSizeBytes());
    reply(out, AddObjectLocationReply.getDefaultInstance());
  }

  @Override
  public void getObjectLocations(
      GetObjectLocationsRequest request, StreamObserver<GetObjectLocationsReply> out) {
    List<ObjectReference> refs = new ArrayList<>();
    synchronized (gcs.lock()) {
      for (Location location : gcs.objects().get(request.getObjectId())) {
        gcs.nodes()
            .alive(location.nodeId())
            .ifPresent(
                node ->
                    refs.add(
                        ObjectReference.newBuilder()
                            .setObjectId(request.getObjectId())
                            .setNodeAddress(node.address)
                            .setSizeBytes(location.sizeBytes())
                            .build()));
      }
    }
    reply(out, GetObjectLocationsReply.newBuilder().addAllLocations(refs).build());
  }

  @Override
  public void removeObjectLocation(
      RemoveObjectLocationRequest request, StreamObserver<RemoveObjectLocationReply> out) {
    gcs.objects().remove(request.getObjectId(), request.getNodeId());
    reply(out, RemoveObjectLocationReply.getDefaultInstance());
  }

  @Override
  public StreamObserver<TaskSpec> submitTasks(StreamObserver<TaskReply> out) {
    ServerCallStreamObserver<TaskReply> replies = (ServerCallStreamObserver<TaskReply>) out;
    return new StreamObserver<>() {
      @Override
      public void onNext(TaskSpec task) {
        gcs.tasks().submit(task, new TaskReplySink(replies, task.getTaskId()));
      }

      @Override
      public void onError(Throwable t) {
        // The client is gone; its queued tasks are dropped when their turn comes.
      }

      @Override
      public void onCompleted() {
        synchronized (replies) {
          replies.onCompleted();
        }
      }
    };
  }

  @Override
  public void submitJob(SubmitJobRequest request, StreamObserver<JobInfo> out) {
    slowCalls.execute(
        () -> {
          try {
            reply(out, jobs.submit(request));
          } catch (StatusException e) {
            out.onError(e);
          }
        });
  }

  @Override
  public void getJob(GetJobRequest request, StreamObserver<JobInfo> out) {
    // A job that has left memory is read from the store.
    slowCalls.execute(
        () -> {
          try {
            reply(out, jobs.get(request.getJobId()));
          } catch (StatusException e) {
            out.onError(e);
          }
        });
  }

  @Override
  public void listJobs(ListJobsRequest request, StreamObserver<ListJobsReply> out) {
    // Memory only, under a lock never held during I/O: fine on the event loop.
    reply(out, ListJobsReply.newBuilder().addAllJobs(jobs.list()).build());
  }

  @Override
  public void stopJob(StopJobRequest request, StreamObserver<JobInfo> out) {
    slowCalls.execute(
        () -> {
          try {
            reply(out, jobs.stop(request.getJobId()));
          } catch (StatusException e) {
            out.onError(e);
          }
        });
  }

  @Override
  public void streamJobLogs(StreamJobLogsRequest request, StreamObserver<JobLogChunk> out) {
    // Sets up flow control here and reads the output on the job manager's own threads.
    jobs.streamLogs(
        request.getJobId(), request.getFollow(), (ServerCallStreamObserver<JobLogChunk>) out);
  }

  @Override
  public void getJobJars(GetJobJarsRequest request, StreamObserver<GetJobJarsReply> out) {
    slowCalls.execute(
        () -> {
          try {
            reply(out, jobs.jars(request.getJobId()));
          } catch (StatusException e) {
            out.onError(e);
          }
        });
  }

  @Override
  public void attachDriver(AttachDriverRequest request, StreamObserver<AttachDriverEvent> out) {
    ServerCallStreamObserver<AttachDriverEvent> call =
        (ServerCallStreamObserver<AttachDriverEvent>) out;
    gcs.drivers().attached(request.getOwnerId(), request.getJobId(), request.getWorker());
    call.setOnCancelHandler(() -> gcs.drivers().streamEnded(request.getOwnerId()));
  }

  @Override
  public void detachDriver(DetachDriverRequest request, StreamObserver<DetachDriverReply> out) {
    gcs.drivers().detached(request.getOwnerId(), request.getJobId(), request.getWorker());
    reply(out, DetachDriverReply.getDefaultInstance());
  }

  @Override
  public void reportWorkerFailure(
      ReportWorkerFailureRequest request, StreamObserver<ReportWorkerFailureReply> out) {
    writes.execute(
        () -> {
          gcs.workerFailed(request);
          reply(out, ReportWorkerFailureReply.getDefaultInstance());
        });
  }

  @Override
  public void appendJobLog(AppendJobLogRequest request, StreamObserver<AppendJobLogReply> out) {
    slowCalls.execute(
        () -> {
          try {
            jobs.appendLog(request.getJobId(), request.getData().toByteArray());
            reply(out, AppendJobLogReply.getDefaultInstance());
          } catch (StatusException e) {
            out.onError(e);
          }
        });
  }

  @Override
  public void watchState(WatchStateRequest request, StreamObserver<StateChange> out) {
    ServerCallStreamObserver<StateChange> subscriber = (ServerCallStreamObserver<StateChange>) out;
    // Jobs change under the job manager's lock and are published under the GCS lock, in that
    // order: taking both here, in the same order, makes the snapshot and the stream seamless.
    // Neither lock is held during I/O, and the publisher's flow control must be set up in this
    // handler: so this stays on the event loop.
    jobs.withJobs(
        jobList -> {
          synchronized (gcs.lock()) {
            List<StateChange> snapshot = new ArrayList<>();
            snapshot.add(StateChange.newBuilder().setHead(gcs.headInfo()).build());
            for (NodeInfo node : gcs.nodeInfos()) {
              snapshot.add(StateChange.newBuilder().setNode(node).build());
            }
            for (ActorInfo actor : gcs.actors().list()) {
              snapshot.add(StateChange.newBuilder().setActor(actor).build());
            }
            for (JobInfo job : jobList) {
              snapshot.add(StateChange.newBuilder().setJob(job).build());
            }
            for (PlacementGroupInfo group : gcs.placementGroups().list()) {
              snapshot.add(StateChange.newBuilder().setPlacementGroup(group).build());
            }
            gcs.publisher().subscribe(subscriber, snapshot);
          }
        });
  }

  // Placement groups.

  @Override
  public void createPlacementGroup(
      CreatePlacementGroupRequest request, StreamObserver<PlacementGroupInfo> out) {
    writes.execute(
        () -> {
          PlacementGroupInfo info;
          try {
            synchronized (gcs.lock()) {
              gcs.tables().checkWritable();
              info = gcs.placementGroups().create(request.getSpec());
            }
          } catch (StatusException e) {
            out.onError(e);
            return;
          }
          reply(out, info);
        });
  }

  @Override
  public void getPlacementGroup(
      GetPlacementGroupRequest request, StreamObserver<GetPlacementGroupReply> out) {
    if (request.getPlacementGroupId().isEmpty() && request.getName().isEmpty()) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription("give a placement group id or a name")
              .asException());
      return;
    }
    synchronized (gcs.lock()) {
      gcs.placementGroups()
          .await(
              request.getPlacementGroupId(),
              request.getName(),
              request.getNamespace(),
              request.getWaitCreatedMs())
          .whenComplete(
              (value, failure) -> {
                if (failure != null) {
                  out.onError(Status.INTERNAL.withCause(failure).asException());
                } else {
                  reply(out, value);
                }
              });
    }
  }

  @Override
  public void listPlacementGroups(
      ListPlacementGroupsRequest request, StreamObserver<ListPlacementGroupsReply> out) {
    List<PlacementGroupInfo> groups;
    synchronized (gcs.lock()) {
      groups = gcs.placementGroups().list();
    }
    reply(out, ListPlacementGroupsReply.newBuilder().addAllPlacementGroups(groups).build());
  }

  @Override
  public void removePlacementGroup(
      RemovePlacementGroupRequest request, StreamObserver<PlacementGroupInfo> out) {
    writes.execute(
        () -> {
          PlacementGroupInfo info;
          try {
            synchronized (gcs.lock()) {
              gcs.tables().checkWritable();
              info =
                  gcs.placementGroups().remove(request.getPlacementGroupId(), "removed by request");
            }
          } catch (StatusException e) {
            out.onError(e);
            return;
          }
          // Its reservations are free: what waited for them is placed, its queued tasks fail.
          gcs.resourcesFreed();
          reply(out, info);
        });
  }

  // Nested references and actor handle lifetimes.
  @Override
  public void holdReferences(
      HoldReferencesRequest request, StreamObserver<HoldReferencesReply> out) {
    heldReferences.hold(request, out);
  }

  @Override
  public void releaseReferences(
      ReleaseReferencesRequest request, StreamObserver<ReleaseReferencesReply> out) {
    heldReferences.release(request, out);
  }
}

package io.rustyray.runtime.node;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.objects.ObjectTransfer;
import io.rustyray.protocol.proto.CreateActorInstanceReply;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.protocol.proto.EndJobReply;
import io.rustyray.protocol.proto.EndJobRequest;
import io.rustyray.protocol.proto.FreeObjectsReply;
import io.rustyray.protocol.proto.FreeObjectsRequest;
import io.rustyray.protocol.proto.GetObjectRequest;
import io.rustyray.protocol.proto.KillActorInstanceReply;
import io.rustyray.protocol.proto.KillActorInstanceRequest;
import io.rustyray.protocol.proto.NodeServiceGrpc;
import io.rustyray.protocol.proto.ObjectChunk;
import io.rustyray.protocol.proto.PingReply;
import io.rustyray.protocol.proto.PingRequest;
import io.rustyray.protocol.proto.PushTaskRequest;
import io.rustyray.protocol.proto.PutObjectReply;
import io.rustyray.protocol.proto.RegisterWorkerReply;
import io.rustyray.protocol.proto.RegisterWorkerRequest;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.proto.WorkerLeaseReply;
import io.rustyray.protocol.proto.WorkerLeaseRequest;
import io.rustyray.runtime.fencing.Lease;
import io.rustyray.runtime.objects.ObjectStore;
import io.rustyray.runtime.tasks.TaskReplies;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The node agent's gRPC face: hands tasks and actors to worker processes of their job, ends them on
 * request, and serves the node's objects. No user code runs in this process.
 */
public final class NodeService extends NodeServiceGrpc.NodeServiceImplBase {
  private static final Logger LOG = Logger.getLogger(NodeService.class);
  private static final long KILL_WAIT_SECONDS = 10;

  private final String nodeId;
  private final ObjectStore store;
  private final WorkerPool workers;
  private final Lease lease;

  NodeService(String nodeId, ObjectStore store, WorkerPool workers, Lease lease) {
    this.nodeId = nodeId;
    this.store = store;
    this.workers = workers;
    this.lease = lease;
  }

  @Override
  public StreamObserver<PushTaskRequest> pushTasks(StreamObserver<TaskReply> out) {
    return new StreamObserver<>() {
      @Override
      public void onNext(PushTaskRequest request) {
        TaskSpec task = request.getTask();
        workers
            .run(task)
            .whenComplete(
                (reply, failure) ->
                    TaskReplies.send(
                        out,
                        failure == null
                            ? reply
                            : TaskReplies.failed(task.getTaskId(), Status.fromThrowable(failure))));
      }

      @Override
      public void onError(Throwable t) {
        LOG.debugf("the head's task stream broke: %s", t);
      }

      @Override
      public void onCompleted() {
        synchronized (out) {
          out.onCompleted();
        }
      }
    };
  }

  @Override
  public void createActorInstance(
      CreateActorInstanceRequest request, StreamObserver<CreateActorInstanceReply> out) {
    workers
        .create(request)
        .whenComplete(
            (reply, failure) -> {
              if (failure == null) {
                LOG.infof(
                    "actor %s (%s) alive on node %s in worker process %d",
                    request.getActorId(),
                    request.getSpec().getConstructor().getClassName(),
                    nodeId,
                    reply.getWorkerPid());
                reply(out, reply);
              } else {
                out.onError(Status.fromThrowable(failure).asException());
              }
            });
  }

  @Override
  public void killActorInstance(
      KillActorInstanceRequest request, StreamObserver<KillActorInstanceReply> out) {
    workers
        .kill(request.getActorId(), request.getIncarnation())
        .completeOnTimeout(null, KILL_WAIT_SECONDS, TimeUnit.SECONDS)
        .whenComplete((done, failure) -> reply(out, KillActorInstanceReply.getDefaultInstance()));
  }

  @Override
  public void registerWorker(
      RegisterWorkerRequest request, StreamObserver<RegisterWorkerReply> out) {
    if (!workers.registered(request.getWorkerId(), request.getAddress())) {
      out.onError(
          Status.NOT_FOUND
              .withDescription("node " + nodeId + " did not start worker " + request.getWorkerId())
              .asException());
      return;
    }
    reply(out, RegisterWorkerReply.newBuilder().setLeaseRemainingMs(lease.remainingMs()).build());
  }

  @Override
  public void workerLease(WorkerLeaseRequest request, StreamObserver<WorkerLeaseReply> out) {
    reply(out, WorkerLeaseReply.newBuilder().setLeaseRemainingMs(lease.remainingMs()).build());
  }

  @Override
  public void endJob(EndJobRequest request, StreamObserver<EndJobReply> out) {
    workers.endJob(request.getJobId());
    reply(out, EndJobReply.getDefaultInstance());
  }

  @Override
  public StreamObserver<ObjectChunk> putObject(StreamObserver<PutObjectReply> out) {
    return new StreamObserver<>() {
      private String objectId;
      private String owner;
      private byte[] data;
      private int filled;

      @Override
      public void onNext(ObjectChunk chunk) {
        if (data == null) {
          objectId = chunk.getObjectId();
          owner = chunk.getOwnerId();
          data = new byte[Math.toIntExact(chunk.getTotalSize())];
        }
        if (filled + chunk.getData().size() > data.length) {
          throw Status.INVALID_ARGUMENT
              .withDescription("object " + objectId + " is larger than its announced size")
              .asRuntimeException();
        }
        chunk.getData().copyTo(data, filled);
        filled += chunk.getData().size();
      }

      @Override
      public void onError(Throwable t) {
        LOG.debugf("upload of %s abandoned: %s", objectId, t);
      }

      @Override
      public void onCompleted() {
        if (objectId == null || objectId.isEmpty()) {
          out.onError(
              Status.INVALID_ARGUMENT.withDescription("an upload names its object").asException());
          return;
        }
        store.put(objectId, owner, data);
        reply(out, PutObjectReply.getDefaultInstance());
      }
    };
  }

  @Override
  public void getObject(GetObjectRequest request, StreamObserver<ObjectChunk> out) {
    byte[] data = store.get(request.getObjectId()).orElse(null);
    if (data == null) {
      out.onError(
          Status.NOT_FOUND
              .withDescription("node " + nodeId + " has no object " + request.getObjectId())
              .asException());
      return;
    }
    ObjectTransfer.send(request.getObjectId(), data, out);
  }

  @Override
  public void freeObjects(FreeObjectsRequest request, StreamObserver<FreeObjectsReply> out) {
    request.getObjectIdsList().forEach(store::free);
    if (!request.getOwnerId().isEmpty()) {
      int freed = store.freeOwnedBy(request.getOwnerId());
      if (freed > 0) {
        LOG.infof("freed %d object(s) of %s, which exited", freed, request.getOwnerId());
      }
    }
    reply(out, FreeObjectsReply.getDefaultInstance());
  }

  @Override
  public void ping(PingRequest request, StreamObserver<PingReply> out) {
    reply(out, PingReply.getDefaultInstance());
  }

  private static <T> void reply(StreamObserver<T> out, T value) {
    out.onNext(value);
    out.onCompleted();
  }
}

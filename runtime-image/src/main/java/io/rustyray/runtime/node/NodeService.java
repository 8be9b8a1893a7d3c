package io.rustyray.runtime.node;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.objects.ObjectTransfer;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.CallError;
import io.rustyray.protocol.proto.CreateActorInstanceReply;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.protocol.proto.FreeObjectsReply;
import io.rustyray.protocol.proto.FreeObjectsRequest;
import io.rustyray.protocol.proto.GetObjectRequest;
import io.rustyray.protocol.proto.KillActorInstanceReply;
import io.rustyray.protocol.proto.KillActorInstanceRequest;
import io.rustyray.protocol.proto.NodeServiceGrpc;
import io.rustyray.protocol.proto.ObjectChunk;
import io.rustyray.protocol.proto.PingReply;
import io.rustyray.protocol.proto.PingRequest;
import io.rustyray.protocol.proto.PushActorTaskRequest;
import io.rustyray.protocol.proto.PushTaskRequest;
import io.rustyray.protocol.proto.PutObjectReply;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskResult;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.runtime.objects.ObjectStore;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * The node agent's gRPC face: runs tasks on a bounded pool, hosts actors, serves objects. A call
 * for an actor this node does not host (any more) is refused with FAILED_PRECONDITION, which tells
 * the caller that the call did not run and may go to the actor's new home.
 */
public final class NodeService extends NodeServiceGrpc.NodeServiceImplBase {
  private static final Logger LOG = Logger.getLogger(NodeService.class);

  private final String nodeId;
  private final FunctionInvoker invoker;
  private final ObjectStore store;
  private final ExecutorService taskPool;
  private final ExecutorService actorPool;
  private final Map<String, ActorInstance> actors = new ConcurrentHashMap<>();

  NodeService(
      String nodeId,
      FunctionInvoker invoker,
      ObjectStore store,
      ExecutorService taskPool,
      ExecutorService actorPool) {
    this.nodeId = nodeId;
    this.invoker = invoker;
    this.store = store;
    this.taskPool = taskPool;
    this.actorPool = actorPool;
  }

  int actorCount() {
    return actors.size();
  }

  @Override
  public StreamObserver<PushTaskRequest> pushTasks(StreamObserver<TaskReply> out) {
    return new StreamObserver<>() {
      @Override
      public void onNext(PushTaskRequest request) {
        taskPool.execute(() -> send(out, runTask(request.getTask())));
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

  private TaskReply runTask(TaskSpec task) {
    TaskReply.Builder reply = TaskReply.newBuilder().setTaskId(task.getTaskId());
    try {
      Executable executable = invoker.resolve(task.getFunction(), task.getJobId());
      if (!(executable instanceof Method) || !Modifier.isStatic(executable.getModifiers())) {
        throw Status.INVALID_ARGUMENT
            .withDescription(task.getFunction().getMethodName() + " is not a static method")
            .asException();
      }
      Object[] args = invoker.arguments(executable, task.getFunction(), task.getArgsList());
      return reply
          .setResult(
              invoker.invoke(
                  null, executable, task.getFunction(), args, task.getTaskId(), task.getOwnerId()))
          .build();
    } catch (StatusException e) {
      return reply.setError(error(e.getStatus())).build();
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "task %s failed in the runtime", task.getTaskId());
      return reply.setError(error(Status.INTERNAL.withDescription(e.toString()))).build();
    }
  }

  private static CallError error(Status status) {
    return CallError.newBuilder()
        .setCode(status.getCode().value())
        .setDescription(status.getDescription() == null ? "" : status.getDescription())
        .build();
  }

  private static void send(StreamObserver<TaskReply> out, TaskReply reply) {
    // Tasks finish on several threads; a stream takes one message at a time.
    synchronized (out) {
      try {
        out.onNext(reply);
      } catch (RuntimeException e) {
        LOG.debugf("the reply to %s was not delivered: %s", reply.getTaskId(), e);
      }
    }
  }

  @Override
  public void createActorInstance(
      CreateActorInstanceRequest request, StreamObserver<CreateActorInstanceReply> out) {
    ActorSpec spec = request.getSpec();
    actorPool.execute(
        () -> {
          try {
            Executable constructor = invoker.resolve(spec.getConstructor(), spec.getJobId());
            Object[] args =
                invoker.arguments(constructor, spec.getConstructor(), spec.getArgsList());
            Object instance = invoker.construct(constructor, spec.getConstructor(), args);
            ActorInstance actor =
                new ActorInstance(
                    request.getActorId(),
                    request.getIncarnation(),
                    instance,
                    spec.getJobId(),
                    actorPool,
                    spec.getMaxConcurrency());
            ActorInstance previous = actors.put(request.getActorId(), actor);
            if (previous != null) {
              previous.kill();
            }
            LOG.infof(
                "actor %s (%s) alive on node %s",
                request.getActorId(), spec.getConstructor().getClassName(), nodeId);
            reply(out, CreateActorInstanceReply.getDefaultInstance());
          } catch (StatusException e) {
            out.onError(e);
          } catch (RuntimeException | Error e) {
            LOG.errorf(e, "creating actor %s failed in the runtime", request.getActorId());
            out.onError(Status.INTERNAL.withDescription(e.toString()).asException());
          }
        });
  }

  @Override
  public void pushActorTask(PushActorTaskRequest request, StreamObserver<TaskResult> out) {
    ActorInstance actor = actors.get(request.getActorId());
    if (actor == null || actor.incarnation != request.getIncarnation() || actor.killed()) {
      out.onError(notHere(request.getActorId()));
      return;
    }
    boolean accepted =
        actor.accept(
            request.getCallerId(), request.getSequence(), () -> runCall(actor, request, out));
    if (!accepted) {
      out.onError(
          Status.ALREADY_EXISTS
              .withDescription(
                  "call " + request.getSequence() + " of this caller was already received")
              .asException());
    }
  }

  private void runCall(
      ActorInstance actor, PushActorTaskRequest request, StreamObserver<TaskResult> out) {
    if (actor.killed()) {
      out.onError(notHere(actor.actorId));
      return;
    }
    try {
      Executable method = invoker.resolve(request.getFunction(), actor.jobId);
      if (!(method instanceof Method) || Modifier.isStatic(method.getModifiers())) {
        throw Status.INVALID_ARGUMENT
            .withDescription(request.getFunction().getMethodName() + " is not an instance method")
            .asException();
      }
      if (!method.getDeclaringClass().isInstance(actor.instance)) {
        throw Status.INVALID_ARGUMENT
            .withDescription(
                "actor "
                    + actor.actorId
                    + " is a "
                    + actor.instance.getClass().getName()
                    + ", which has no method "
                    + request.getFunction().getClassName()
                    + "."
                    + request.getFunction().getMethodName())
            .asException();
      }
      Object[] args = invoker.arguments(method, request.getFunction(), request.getArgsList());
      String resultId =
          request.getActorId() + "-" + request.getCallerId() + "-" + request.getSequence();
      reply(
          out,
          invoker.invoke(
              actor.instance,
              method,
              request.getFunction(),
              args,
              resultId,
              request.getCallerId()));
    } catch (StatusException e) {
      out.onError(e);
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "call on actor %s failed in the runtime", actor.actorId);
      out.onError(Status.INTERNAL.withDescription(e.toString()).asException());
    }
  }

  private StatusException notHere(String actorId) {
    return Status.FAILED_PRECONDITION
        .withDescription("actor " + actorId + " is not alive on node " + nodeId)
        .asException();
  }

  @Override
  public void killActorInstance(
      KillActorInstanceRequest request, StreamObserver<KillActorInstanceReply> out) {
    ActorInstance actor = actors.remove(request.getActorId());
    if (actor != null) {
      actor.kill();
      LOG.infof("actor %s killed on node %s", request.getActorId(), nodeId);
    }
    reply(out, KillActorInstanceReply.getDefaultInstance());
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

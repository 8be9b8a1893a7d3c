package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.rustyray.protocol.proto.CreateActorInstanceReply;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskResult;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.runtime.tasks.TaskStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The head's nodes, faked in memory. By default a node creates and kills actor instances at once
 * and runs a pushed task until the test finishes it. Setters inject failures: a node that refuses
 * every call, one whose replies are held (so it can die in the middle of a call), one that crashes
 * under its running tasks. Replies are delivered on the test's thread, before the call returns when
 * nothing holds them.
 */
final class TestingNodeClients implements NodeClients {
  private record HeldCall(String address, Runnable answer, CompletableFuture<Void> reply) {}

  private final Map<String, Status> refusing = new HashMap<>();
  private final Set<String> holding = new HashSet<>();
  private final List<HeldCall> held = new ArrayList<>();
  private final Map<String, List<CreateActorInstanceRequest>> created = new HashMap<>();
  private final Map<String, Set<String>> instances = new HashMap<>();
  private final Map<String, TestingTaskStream> streams = new HashMap<>();
  private final Map<String, List<String>> freedOwners = new HashMap<>();

  /** Every later call to the node fails with {@code status}, until {@link #heal}. */
  synchronized void refuse(String address, Status status) {
    refusing.put(address, status);
  }

  /** The node answers again. */
  synchronized void heal(String address) {
    refusing.remove(address);
  }

  /**
   * The node's actor calls get no answer until {@link #answerHeldCalls}, or until the head drops
   * the node, which fails them with UNAVAILABLE.
   */
  synchronized void holdReplies(String address) {
    holding.add(address);
  }

  /** Answers the held calls of a node, and stops holding them. */
  void answerHeldCalls(String address) {
    List<HeldCall> answer;
    synchronized (this) {
      holding.remove(address);
      answer = held.stream().filter(c -> c.address().equals(address)).toList();
      held.removeAll(answer);
    }
    for (HeldCall call : answer) {
      call.answer().run();
      call.reply().complete(null);
    }
  }

  /**
   * The node's process dies: its task streams break (failing the tasks on them with UNAVAILABLE),
   * its instances are gone and every later call fails with UNAVAILABLE. The head does not know yet:
   * that is the failure detector's job.
   */
  void crash(String address) {
    TestingTaskStream stream;
    synchronized (this) {
      refusing.put(address, Status.UNAVAILABLE.withDescription("connection refused: " + address));
      instances.remove(address);
      stream = streams.remove(address);
    }
    if (stream != null) {
      stream.close();
    }
    failHeldCalls(address, "the node at " + address + " crashed");
  }

  /** The node's task stream breaks, as in a network blip; the node itself stays reachable. */
  void breakTaskStream(String address) {
    TestingTaskStream stream;
    synchronized (this) {
      stream = streams.remove(address);
    }
    if (stream != null) {
      stream.close();
    }
  }

  /** Every request to create an actor instance that reached the node, in order. */
  synchronized List<CreateActorInstanceRequest> createdOn(String address) {
    return List.copyOf(created.getOrDefault(address, List.of()));
  }

  /** The actors whose instance the node holds now. */
  synchronized Set<String> instancesOn(String address) {
    return Set.copyOf(instances.getOrDefault(address, Set.of()));
  }

  /** The ids of the tasks the node runs now, in the order they arrived. */
  synchronized List<String> tasksRunningOn(String address) {
    TestingTaskStream stream = streams.get(address);
    return stream == null ? List.of() : List.copyOf(stream.inFlight.keySet());
  }

  /** The owners whose objects the node was told to free. */
  synchronized List<String> ownersFreedOn(String address) {
    return List.copyOf(freedOwners.getOrDefault(address, List.of()));
  }

  /** The node reports that the task returned {@code value}. */
  void finishTask(String taskId, String value) {
    reply(
        taskId,
        TaskReply.newBuilder()
            .setTaskId(taskId)
            .setResult(
                TaskResult.newBuilder()
                    .setValue(com.google.protobuf.ByteString.copyFromUtf8(value))
                    .build())
            .build());
  }

  /** The node reports that it could not run the task. */
  void failTask(String taskId, Status status) {
    reply(
        taskId,
        TaskReply.newBuilder()
            .setTaskId(taskId)
            .setError(
                io.rustyray.protocol.proto.CallError.newBuilder()
                    .setCode(status.getCode().value())
                    .setDescription(status.getDescription()))
            .build());
  }

  private void reply(String taskId, TaskReply reply) {
    BiConsumer<TaskReply, Status> done = null;
    synchronized (this) {
      for (TestingTaskStream stream : streams.values()) {
        done = stream.inFlight.remove(taskId);
        if (done != null) {
          break;
        }
      }
    }
    if (done == null) {
      throw new IllegalStateException("no node runs task " + taskId);
    }
    done.accept(reply, null);
  }

  @Override
  public CompletableFuture<CreateActorInstanceReply> createActorInstance(
      String address, CreateActorInstanceRequest request) {
    return call(
            address,
            () -> {
              synchronized (this) {
                created.computeIfAbsent(address, a -> new ArrayList<>()).add(request);
                instances.computeIfAbsent(address, a -> new HashSet<>()).add(request.getActorId());
              }
            })
        .thenApply(
            created ->
                CreateActorInstanceReply.newBuilder()
                    .setWorkerId(address + "-worker-" + request.getActorId())
                    .setWorkerAddress(address + "/worker-" + request.getActorId())
                    .setWorkerPid(1000 + request.getIncarnation())
                    .build());
  }

  @Override
  public CompletableFuture<Void> endJob(String address, String jobId) {
    return call(address, () -> {});
  }

  @Override
  public CompletableFuture<Void> killActorInstance(
      String address, String actorId, int incarnation) {
    return call(
        address,
        () -> {
          synchronized (this) {
            instances.getOrDefault(address, new HashSet<>()).remove(actorId);
          }
        });
  }

  @Override
  public CompletableFuture<Void> freeObject(String address, String objectId) {
    return call(address, () -> {});
  }

  @Override
  public CompletableFuture<Void> freeObjects(String address, String ownerId) {
    return call(
        address,
        () -> {
          synchronized (this) {
            freedOwners.computeIfAbsent(address, a -> new ArrayList<>()).add(ownerId);
          }
        });
  }

  private CompletableFuture<Void> call(String address, Runnable answer) {
    CompletableFuture<Void> reply = new CompletableFuture<>();
    synchronized (this) {
      Status refused = refusing.get(address);
      if (refused != null) {
        reply.completeExceptionally(refused.asRuntimeException());
        return reply;
      }
      if (holding.contains(address)) {
        held.add(new HeldCall(address, answer, reply));
        return reply;
      }
    }
    answer.run();
    reply.complete(null);
    return reply;
  }

  @Override
  public synchronized TaskStream openTaskStream(String address) {
    TestingTaskStream stream = new TestingTaskStream(address);
    streams.put(address, stream);
    return stream;
  }

  @Override
  public void forget(String address) {
    failHeldCalls(address, "the head dropped its channel to " + address);
  }

  private void failHeldCalls(String address, String why) {
    List<HeldCall> failed;
    synchronized (this) {
      failed = held.stream().filter(c -> c.address().equals(address)).toList();
      held.removeAll(failed);
    }
    failed.forEach(
        c ->
            c.reply().completeExceptionally(Status.UNAVAILABLE.withDescription(why).asException()));
  }

  @Override
  public void close() {}

  /** A node's task stream: keeps the tasks in flight until the test answers them. */
  private final class TestingTaskStream implements TaskStream {
    final String address;
    final Map<String, BiConsumer<TaskReply, Status>> inFlight = new LinkedHashMap<>();
    private boolean broken;

    TestingTaskStream(String address) {
      this.address = address;
    }

    @Override
    public void push(TaskSpec task, BiConsumer<TaskReply, Status> done) {
      Optional<Status> refused;
      synchronized (TestingNodeClients.this) {
        refused = Optional.ofNullable(refusing.get(address));
        if (!broken && refused.isEmpty()) {
          inFlight.put(task.getTaskId(), done);
          return;
        }
        broken = true;
      }
      done.accept(
          null,
          Status.UNAVAILABLE.withDescription(
              refused.map(Status::toString).orElse("the node's task stream is broken")));
    }

    @Override
    public boolean broken() {
      synchronized (TestingNodeClients.this) {
        return broken;
      }
    }

    @Override
    public void close() {
      List<BiConsumer<TaskReply, Status>> failed;
      synchronized (TestingNodeClients.this) {
        broken = true;
        failed = new ArrayList<>(inFlight.values());
        inFlight.clear();
      }
      failed.forEach(
          done -> done.accept(null, Status.UNAVAILABLE.withDescription("task stream closed")));
    }
  }
}

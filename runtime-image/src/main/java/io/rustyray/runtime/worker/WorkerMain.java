package io.rustyray.runtime.worker;

import io.grpc.StatusRuntimeException;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.Rusty;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.protocol.function.CurrentActor;
import io.rustyray.protocol.proto.NodeServiceGrpc;
import io.rustyray.protocol.proto.RegisterWorkerReply;
import io.rustyray.protocol.proto.RegisterWorkerRequest;
import io.rustyray.protocol.proto.WorkerLeaseRequest;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.fencing.Lease;
import io.rustyray.runtime.server.DaemonThreads;
import io.rustyray.runtime.server.RuntimeServer;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A worker process: a plain JVM (no Quarkus boot, so that it starts fast) that a node starts for
 * one job. It serves the job's tasks and actors on a port of its own, registers with its node, and
 * exits as soon as its node is gone, so that no user code outlives the node that accounts for it.
 */
public final class WorkerMain {
  private static final Logger LOG = Logger.getLogger(WorkerMain.class);
  private static final long PARENT_CHECK_MS = 200;

  private WorkerMain() {}

  /** The argument of a run that only loads a worker's classes, for the class-data archive. */
  public static final String TRAIN = "--train-class-data";

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals(TRAIN)) {
      ClassDataTraining.run();
      System.exit(0);
    }
    WorkerSettings settings = WorkerSettings.fromEnv(System.getenv());
    ProcessHandle node = ProcessHandle.current().parent().orElse(null);
    Channels channels = new Channels(settings.token());
    ExecutorService taskPool =
        Executors.newFixedThreadPool(
            Math.max(1, settings.taskSlots()), DaemonThreads.named("task"));
    ExecutorService actorPool = Executors.newCachedThreadPool(DaemonThreads.named("actor"));
    FunctionInvoker invoker =
        new FunctionInvoker(
            settings.nodeId(),
            settings.nodeAddress(),
            channels,
            Thread.currentThread().getContextClassLoader());
    RuntimeServer server;
    try {
      server = new RuntimeServer(settings.bindHost(), 0, settings.token());
    } catch (IOException e) {
      System.err.println("the worker cannot listen on " + settings.bindHost() + ": " + e);
      System.exit(2);
      return;
    }
    Lease lease = new Lease();
    server.add(
        new WorkerService(
            settings,
            invoker,
            taskPool,
            actorPool,
            lease,
            new HeadCheckpointSink(channels, settings.headAddress())));
    Supplier<RuntimeContext> context =
        () -> CurrentActor.context(settings.nodeId(), settings.jobId(), settings.namespace());
    Rusty.init(
        new LazyRuntime(
            () ->
                ClusterRuntime.forWorker(
                    settings.headAddress(), settings.token(), settings.jobId(), context),
            context));
    String address = settings.advertisedHost() + ":" + server.port();
    NodeServiceGrpc.NodeServiceBlockingStub nodeStub =
        NodeServiceGrpc.newBlockingStub(channels.get(settings.nodeAddress()));
    try {
      long asked = System.nanoTime();
      RegisterWorkerReply registered =
          nodeStub
              .withDeadlineAfter(30, TimeUnit.SECONDS)
              .registerWorker(
                  RegisterWorkerRequest.newBuilder()
                      .setWorkerId(settings.workerId())
                      .setAddress(address)
                      .setPid(ProcessHandle.current().pid())
                      .build());
      lease.grant(asked, registered.getLeaseRemainingMs());
    } catch (StatusRuntimeException e) {
      System.err.println(
          "worker "
              + settings.workerId()
              + " could not register with its node at "
              + settings.nodeAddress()
              + ": "
              + e.getStatus());
      Runtime.getRuntime().halt(3);
    }
    LOG.debugf("worker %s of %s serves at %s", settings.workerId(), settings.jobId(), address);
    renewUntilGone(node, nodeStub, settings.workerId(), lease);
  }

  /**
   * Renews the lease from the node, and exits when the node process ends (SIGKILL included: no hook
   * of its own would run). A paused node renews nothing, so this worker stops serving too.
   */
  private static void renewUntilGone(
      ProcessHandle node,
      NodeServiceGrpc.NodeServiceBlockingStub nodeStub,
      String workerId,
      Lease lease)
      throws InterruptedException {
    WorkerLeaseRequest request = WorkerLeaseRequest.newBuilder().setWorkerId(workerId).build();
    while (node == null || node.isAlive()) {
      long asked = System.nanoTime();
      try {
        lease.grant(
            asked,
            nodeStub
                .withDeadlineAfter(PARENT_CHECK_MS * 5, TimeUnit.MILLISECONDS)
                .workerLease(request)
                .getLeaseRemainingMs());
      } catch (StatusRuntimeException e) {
        LOG.debugf("worker %s could not renew its lease: %s", workerId, e.getStatus());
      }
      Thread.sleep(PARENT_CHECK_MS);
    }
    Runtime.getRuntime().halt(0);
  }
}

package io.rustyray.runtime.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rustyray.protocol.checkpoint.CheckpointCodec;
import io.rustyray.protocol.resources.WorkerJvmOptions;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.gcs.Gcs;
import io.rustyray.runtime.gcs.GcsService;
import io.rustyray.runtime.gcs.GcsSettings;
import io.rustyray.runtime.gcs.store.GcsStore;
import io.rustyray.runtime.gcs.store.GcsStores;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import io.rustyray.runtime.jobs.JobLimits;
import io.rustyray.runtime.jobs.JobManager;
import io.rustyray.runtime.node.NodeAgent;
import io.rustyray.runtime.scheduler.ResourceSet;
import io.rustyray.runtime.server.RuntimeServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jboss.logging.Logger;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rustyray start}: runs a head or a worker in the foreground until SIGTERM, as the main
 * process of a pod does, and then leaves the cluster cleanly.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "start",
    description = "Starts a head (--head) or a worker (--address) and runs until stopped.")
public class StartCommand implements Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(StartCommand.class);
  static final int DEFAULT_HEAD_PORT = 6379;

  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Role role;

  static class Role {
    @Option(names = "--head", required = true, description = "Start a head: GCS and scheduler.")
    boolean head;

    @Option(
        names = "--address",
        required = true,
        description = "Start a worker that joins the head at this host:port.")
    String headAddress;
  }

  @Option(
      names = "--port",
      description = "Port to serve on (head default " + DEFAULT_HEAD_PORT + ", worker: any free).")
  Integer port;

  @Option(
      names = "--node-ip",
      defaultValue = "${env:RUSTYRAY_NODE_IP:-127.0.0.1}",
      description =
          "The address other processes reach this one at; it is also bound"
              + " (default: $RUSTYRAY_NODE_IP or 127.0.0.1).")
  String nodeIp;

  @Option(names = "--bind", description = "Address to bind instead of --node-ip, such as 0.0.0.0.")
  String bind;

  @Option(
      names = "--node-id",
      defaultValue = "${env:RUSTYRAY_NODE_ID}",
      description = "This node's id (default: $RUSTYRAY_NODE_ID or a random one).")
  String nodeId;

  @Option(
      names = "--resources",
      description =
          "Logical resources as JSON, such as '{\"cpu\": 2, \"gpu\": 1}'"
              + " (default: cpu = available processors, memory = max heap).")
  String resourcesJson;

  @Option(
      names = "--no-node-agent",
      description = "On the head: run no tasks or actors there, only the GCS and scheduler.")
  boolean noNodeAgent;

  @Option(
      names = "--heartbeat-interval-ms",
      defaultValue = "1000",
      description = "On the head: how often nodes send heartbeats (default: ${DEFAULT-VALUE}).")
  long heartbeatIntervalMs;

  @Option(
      names = "--node-timeout-ms",
      defaultValue = "15000",
      description =
          "On the head: a node silent this long is declared dead; long enough to outlast a JVM"
              + " pause, since a node that stops on purpose leaves at once"
              + " (default: ${DEFAULT-VALUE}).")
  long nodeTimeoutMs;

  @Option(
      names = "--gcs-store",
      defaultValue = "${env:RUSTYRAY_GCS_STORE}",
      description =
          "On the head: where the GCS keeps its tables. None: in memory (lost with the head);"
              + " file:DIR: on local disk; redis://[user:password@]host:port[/db]: in Redis"
              + " (password also from $RUSTYRAY_GCS_STORE_PASSWORD). Default: $RUSTYRAY_GCS_STORE.")
  String gcsStore;

  @Option(
      names = "--recovery-grace-ms",
      defaultValue = "15000",
      description =
          "On a head that recovered actors from its store: how long to wait for their nodes to"
              + " register again before restarting those actors elsewhere"
              + " (default: ${DEFAULT-VALUE}).")
  long recoveryGraceMs;

  @Option(
      names = "--dead-actor-retention",
      defaultValue = "" + GcsSettings.DEFAULT_DEAD_ACTOR_RETENTION,
      description =
          "On the head: how many DEAD actors it keeps listed (default: ${DEFAULT-VALUE}).")
  int deadActorRetention;

  @Option(
      names = "--driver-reattach-grace-ms",
      defaultValue = "10000",
      description =
          "On the head: how long a client whose stream to the head broke (without a goodbye) may"
              + " take to attach again before its objects and actors are reaped (default:"
              + " ${DEFAULT-VALUE}).")
  long driverReattachGraceMs;

  @Option(
      names = "--max-checkpoint-bytes",
      defaultValue = "" + CheckpointCodec.DEFAULT_LIMIT_BYTES,
      description =
          "On the head: the largest checkpoint of a durable actor it keeps; a call whose"
              + " checkpoint is larger fails with CheckpointTooLargeException (default:"
              + " ${DEFAULT-VALUE}, 16 MiB).")
  long maxCheckpointBytes;

  @Option(
      names = "--object-store-memory",
      description =
          "Bytes of memory for this node's object store (default: a quarter of the heap).")
  Long objectStoreMemory;

  @Option(
      names = "--jobs-dir",
      description = "On the head: where jobs' jars and output are kept (default: a temp folder).")
  Path jobsDir;

  @Option(
      names = "--spill-dir",
      description = "Where the object store spills (default: a folder in the temp directory).")
  Path spillDir;

  @Option(
      names = "--worker-jvm-options",
      defaultValue =
          "${env:RUSTYRAY_WORKER_JVM_OPTIONS:--XX:+UseSerialGC -XX:MaxRAMPercentage=25 -Xms8m}",
      description =
          "JVM options of every worker process this node starts, before the job's and the actor's"
              + " own (default: $RUSTYRAY_WORKER_JVM_OPTIONS or '${DEFAULT-VALUE}').")
  String workerJvmOptions;

  @Option(
      names = "--worker-idle-timeout-ms",
      defaultValue = "60000",
      description =
          "A job's task worker (or shared actor worker) idle this long ends; the next task starts"
              + " another (default: ${DEFAULT-VALUE}).")
  long workerIdleTimeoutMs;

  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() throws Exception {
    ResourceSet resources = parseResources();
    String id =
        nodeId == null || nodeId.isBlank()
            ? "node-" + UUID.randomUUID().toString().substring(0, 8)
            : nodeId;
    int listenPort = port != null ? port : role.head ? DEFAULT_HEAD_PORT : 0;
    if (cluster.token().isEmpty()) {
      LOG.warn("no cluster token: any client that reaches this port can use the cluster");
    }
    Gcs gcs = null;
    JobManager jobs = null;
    NodeAgent node = null;
    GcsStore store = null;
    if (role.head) {
      // Before the port is bound: a head whose store cannot be read must not take calls.
      store = openStore();
      gcs = new Gcs(cluster.token(), store, gcsSettings());
      try {
        gcs.recover();
      } catch (StoreUnavailableException e) {
        gcs.close();
        throw new ParameterException(
            spec.commandLine(), "--gcs-store: the store cannot be read: " + e.getMessage());
      }
    }
    RuntimeServer server;
    try {
      server = new RuntimeServer(bind != null ? bind : nodeIp, listenPort, cluster.token());
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(),
          "cannot listen on "
              + (bind != null ? bind : nodeIp)
              + ":"
              + listenPort
              + ": "
              + e.getMessage());
    }
    String address = nodeIp + ":" + server.port();
    String headAddress = role.head ? address : role.headAddress;
    if (role.head) {
      gcs.start();
      Gcs started = gcs;
      jobs =
          new JobManager(
              jobsDir(store, id),
              address,
              cluster.token(),
              store,
              store.durable() ? JobLimits.DEFAULT : JobLimits.IN_MEMORY,
              started::jobEnded,
              started::jobChanged);
      try {
        jobs.recover();
      } catch (StoreUnavailableException e) {
        throw new ParameterException(
            spec.commandLine(), "--gcs-store: the jobs cannot be read: " + e.getMessage());
      }
      gcs.jobsRecovered(jobs.recoveredJobs());
      server.add(new GcsService(gcs, jobs));
    }
    if (!role.head || !noNodeAgent) {
      long objectStoreBytes =
          objectStoreMemory != null ? objectStoreMemory : Runtime.getRuntime().maxMemory() / 4;
      Path spill =
          spillDir != null
              ? spillDir
              : Path.of(System.getProperty("java.io.tmpdir"), "rustyray-spill-" + id);
      List<String> workerOptions =
          workerJvmOptions.isBlank() ? List.of() : List.of(workerJvmOptions.trim().split("\\s+"));
      Optional<String> badOptions = WorkerJvmOptions.problem(workerOptions);
      if (badOptions.isPresent()) {
        throw new ParameterException(
            spec.commandLine(), "--worker-jvm-options: " + badOptions.get());
      }
      node =
          new NodeAgent(
              id,
              address,
              bind != null ? bind : nodeIp,
              headAddress,
              cluster.token(),
              resources,
              role.head,
              objectStoreBytes,
              spill,
              workerOptions,
              Duration.ofMillis(workerIdleTimeoutMs));
      server.add(node.service());
      node.start();
    }
    System.out.printf(
        "RustyRay %s started: node %s at %s%s, resources %s%n",
        role.head ? "head" : "worker",
        node == null ? "(none)" : id,
        address,
        role.head ? "" : ", head " + headAddress,
        resources);
    System.out.flush();
    awaitShutdown(server, node, gcs, jobs);
    return 0;
  }

  private void awaitShutdown(RuntimeServer server, NodeAgent node, Gcs gcs, JobManager jobs)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  try {
                    if (jobs != null) {
                      jobs.close();
                    }
                    if (node != null) {
                      node.close();
                    }
                    server.close();
                    if (gcs != null) {
                      gcs.close();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    stopped.countDown();
                  }
                },
                "rustyray-shutdown"));
    stopped.await();
  }

  /** Jobs' jars live beside a file store, so that they outlive the head with it. */
  private Path jobsDir(GcsStore store, String id) {
    if (jobsDir != null) {
      return jobsDir;
    }
    if (store.describe().startsWith("file:")) {
      return Path.of(store.describe().substring("file:".length())).resolve("jobs");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "rustyray-jobs-" + id);
  }

  private GcsSettings gcsSettings() {
    // A checkpoint travels in one message, to the head and back to the next instance.
    long ceiling = Channels.MAX_MESSAGE_BYTES - 1024 * 1024;
    if (maxCheckpointBytes < 1 || maxCheckpointBytes > ceiling) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-checkpoint-bytes must be between 1 and "
              + ceiling
              + " (a checkpoint travels in one message), got "
              + maxCheckpointBytes);
    }
    if (nodeTimeoutMs <= heartbeatIntervalMs) {
      throw new ParameterException(
          spec.commandLine(),
          "--node-timeout-ms ("
              + nodeTimeoutMs
              + ") must be longer than --heartbeat-interval-ms ("
              + heartbeatIntervalMs
              + ")");
    }
    return new GcsSettings(
        Duration.ofMillis(heartbeatIntervalMs),
        Duration.ofMillis(nodeTimeoutMs),
        Duration.ofMillis(recoveryGraceMs),
        Math.max(0, deadActorRetention),
        Duration.ofMillis(driverReattachGraceMs),
        maxCheckpointBytes);
  }

  /** Opens the store now, so that a head whose store is away exits with the reason. */
  private GcsStore openStore() {
    try {
      return GcsStores.open(gcsStore, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--gcs-store: " + e.getMessage());
    } catch (StoreUnavailableException e) {
      throw new ParameterException(
          spec.commandLine(), "--gcs-store: the store cannot be opened: " + e.getMessage());
    }
  }

  private ResourceSet parseResources() {
    Map<String, Double> amounts = new HashMap<>();
    amounts.put("cpu", (double) Runtime.getRuntime().availableProcessors());
    amounts.put("memory", (double) Runtime.getRuntime().maxMemory());
    if (resourcesJson != null && !resourcesJson.isBlank()) {
      Map<String, Double> given;
      try {
        given = new ObjectMapper().readValue(resourcesJson, new TypeReference<>() {});
      } catch (IOException e) {
        throw new ParameterException(
            spec.commandLine(),
            "--resources must be a JSON object of names to numbers, such as '{\"cpu\": 2}': "
                + e.getMessage());
      }
      for (Map.Entry<String, Double> e : given.entrySet()) {
        if (e.getValue() == null || e.getValue() < 0) {
          throw new ParameterException(
              spec.commandLine(), "--resources: " + e.getKey() + " must be a number >= 0");
        }
      }
      amounts.putAll(given);
    }
    return ResourceSet.of(amounts);
  }
}

package io.rustyray.runtime.it;

import static org.awaitility.Awaitility.await;

import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.ListActorsRequest;
import io.rustyray.protocol.proto.ListNodesRequest;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.protocol.proto.StateChange;
import io.rustyray.protocol.transport.Channels;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A head and workers started as separate JVM processes through the real {@code rustyray} command,
 * on loopback, each with its log under {@code target/it-logs}.
 */
final class LocalCluster implements AutoCloseable {
  static final Path WRAPPER =
      Path.of(System.getProperty("rustyray.wrapper", "src/main/bin/rustyray"));
  private static final Path LOGS = Path.of("target", "it-logs");

  private final String token;
  private final int headPort;
  private final List<Process> processes = new ArrayList<>();
  private final Channels channels;
  private volatile String headIp = "127.0.0.1";

  private LocalCluster(String token, int headPort) {
    this.token = token;
    this.headPort = headPort;
    this.channels = new Channels(token);
  }

  /** Starts a head with {@code args} added to {@code rustyray start --head}. */
  static LocalCluster startHead(String token, String... args) throws IOException {
    LocalCluster cluster = withoutHead(token);
    cluster.startHeadAt("127.0.0.1", args);
    return cluster;
  }

  /** A cluster whose head has a port but is not started yet: workers can be started first. */
  static LocalCluster withoutHead(String token) throws IOException {
    return new LocalCluster(token, freePort());
  }

  /**
   * Starts a head on this cluster's port at {@code ip} (any 127.x address) and waits until it
   * answers; a head started before at another address is no longer the one asked.
   */
  Process startHeadAt(String ip, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "start",
                "--head",
                "--node-ip",
                ip,
                "--port",
                String.valueOf(headPort),
                "--node-id",
                "head",
                // Tests kill clients and wait for their reaping: a short grace keeps them quick.
                "--driver-reattach-grace-ms",
                "1000"));
    command.addAll(List.of(args));
    if (!command.contains("--node-timeout-ms")) {
      // The suites' SIGKILLed nodes are declared dead in seconds, not production's 15 s.
      command.addAll(List.of("--node-timeout-ms", "4000"));
    }
    channels.forget(address());
    headIp = ip;
    Process head = launch("head-" + ip, command, "");
    if (command.contains("--no-node-agent")) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(() -> nodes() != null);
    } else {
      awaitAliveNodes(1);
    }
    return head;
  }

  String address() {
    return headIp + ":" + headPort;
  }

  int headPort() {
    return headPort;
  }

  String token() {
    return token;
  }

  /** Starts a worker and waits until the head counts it alive. */
  Process startWorker(String nodeId, String resourcesJson, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "start",
                "--address",
                address(),
                "--node-id",
                nodeId,
                "--resources",
                resourcesJson));
    command.addAll(List.of(args));
    Process worker = launch(nodeId, command, "");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> node(nodeId).map(n -> n.getState() == NodeState.NODE_ALIVE).orElse(false));
    return worker;
  }

  /** Records every state an actor goes through, as the head's state stream reports it. */
  List<ActorInfo> watchActor(String actorId) {
    return watch(
        change ->
            change.hasActor() && change.getActor().getActorId().equals(actorId)
                ? change.getActor()
                : null);
  }

  /** Records every job change the head's state stream reports, snapshot included. */
  List<StateChange> watchJobs() {
    return watch(change -> change.hasJob() ? change : null);
  }

  /** Follows the head's state stream, keeping what {@code pick} takes from each change. */
  private <T> List<T> watch(java.util.function.Function<StateChange, T> pick) {
    List<T> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    GcsServiceGrpc.newStub(channels.get(address()))
        .watchState(
            io.rustyray.protocol.proto.WatchStateRequest.getDefaultInstance(),
            new io.grpc.stub.StreamObserver<>() {
              @Override
              public void onNext(StateChange change) {
                T picked = pick.apply(change);
                if (picked != null) {
                  seen.add(picked);
                }
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    return seen;
  }

  /**
   * Starts a worker that joins the head at {@code headAddress}, without waiting for it.
   *
   * @param javaOpts added to the worker JVM's options
   */
  Process launchWorker(String nodeId, String headAddress, String javaOpts) throws IOException {
    return launch(
        nodeId,
        List.of("start", "--address", headAddress, "--node-id", nodeId, "--resources", "{}"),
        javaOpts);
  }

  private Process launch(String name, List<String> args, String javaOpts) throws IOException {
    Files.createDirectories(LOGS);
    List<String> command = new ArrayList<>(List.of(WRAPPER.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(LOGS.resolve(name + "-" + headPort + ".log").toFile());
    builder.environment().put("RUSTYRAY_TOKEN", token);
    builder
        .environment()
        .put("JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 " + javaOpts);
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  /** What a process of this cluster has written so far. */
  String log(String name) throws IOException {
    return Files.readString(LOGS.resolve(name + "-" + headPort + ".log"), StandardCharsets.UTF_8);
  }

  /** Runs the {@code rustyray} command to completion, with the cluster token unless overridden. */
  CliResult cli(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return cli(Duration.ofSeconds(60), env, args);
  }

  /** Runs the {@code rustyray} command to completion within {@code bound}. */
  CliResult cli(Duration bound, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(WRAPPER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("RUSTYRAY_TOKEN", token);
    builder.environment().put("RUSTYRAY_ADDRESS", address());
    builder.environment().putAll(env);
    Path out = Files.createTempFile("rustyray-cli", ".out");
    Path err = Files.createTempFile("rustyray-cli", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "rustyray " + args[0] + " did not finish in " + bound.toSeconds() + " s");
    }
    return new CliResult(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  record CliResult(int exitCode, String stdout, String stderr) {}

  List<NodeInfo> nodes() {
    return gcs().listNodes(ListNodesRequest.getDefaultInstance()).getNodesList();
  }

  List<NodeInfo> aliveNodes() {
    return nodes().stream().filter(n -> n.getState() == NodeState.NODE_ALIVE).toList();
  }

  Optional<NodeInfo> node(String nodeId) {
    return nodes().stream().filter(n -> n.getNodeId().equals(nodeId)).findFirst();
  }

  List<ActorInfo> actors() {
    return gcs().listActors(ListActorsRequest.getDefaultInstance()).getActorsList();
  }

  Optional<ActorInfo> actor(String actorId) {
    return actors().stream().filter(a -> a.getActorId().equals(actorId)).findFirst();
  }

  void awaitAliveNodes(int count) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> aliveNodes().size() >= count);
  }

  /** The head's GCS, as a node or client calls it. */
  GcsServiceGrpc.GcsServiceBlockingStub gcs() {
    return GcsServiceGrpc.newBlockingStub(channels.get(address()))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops every process with SIGTERM, as Kubernetes would, then SIGKILL after a grace period. */
  @Override
  public void close() throws InterruptedException {
    channels.close();
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}

package io.rustyray.e2e.harness;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end tests' handle on the local cluster, used as a user would: {@link #up()} runs
 * {@code e2e/local-cluster.sh up} (control plane and process kubelet, built first when needed) and
 * keeps the kubeconfig and kubectl it prints; {@link #kubectl} runs kubectl against it; {@link
 * #applyCrds()} applies {@code crds/}; {@link #startOperator()} runs the built operator as a
 * process against the cluster as it runs in one (kubeconfig, SSA on), {@link #killOperator()} kills
 * it without warning; {@link #close()} stops the operator and runs {@code down} only if the cluster
 * was not already running before {@link #up()}.
 */
public final class LocalControlPlane implements AutoCloseable {
  /**
   * What a command printed (stdout and stderr together) and its exit code.
   *
   * @param exitCode the exit code
   * @param output what it printed
   */
  public record Result(int exitCode, String output) {}

  private final Path repo;
  private boolean startedHere;
  private String kubeconfig;
  private String kubectl;
  private Process operator;
  private int operatorStarts;

  /** A handle on the repository's local cluster (system property rustyray.repo.dir, else ..). */
  public LocalControlPlane() {
    this.repo = Path.of(System.getProperty("rustyray.repo.dir", "..")).toAbsolutePath().normalize();
  }

  /**
   * @return the repository's root folder
   */
  public Path repo() {
    return repo;
  }

  /**
   * @return the kubectl binary that local-cluster.sh uses
   */
  public String kubectlPath() {
    return kubectl;
  }

  /**
   * @return the kubeconfig file (admin token)
   */
  public String kubeconfig() {
    return kubeconfig;
  }

  /**
   * @return the state folder of local-cluster.sh (logs/, kubelet/pods/, ...)
   */
  public Path stateDir() {
    return Path.of(kubeconfig).getParent();
  }

  /**
   * Starts (or finds running) the control plane and the kubelet.
   *
   * @throws Exception when {@code local-cluster.sh up} fails
   */
  public void up() throws Exception {
    Path script = repo.resolve("e2e/local-cluster.sh");
    boolean wasUp =
        run(Duration.ofMinutes(1), Map.of(), null, List.of(script.toString(), "status")).exitCode()
            == 0;
    // The first run builds Kubernetes (about 5-10 minutes on 2 cores), later ones reuse it.
    Result up = run(Duration.ofMinutes(40), Map.of(), null, List.of(script.toString(), "up"));
    if (up.exitCode() != 0) {
      throw new IllegalStateException("local-cluster.sh up failed:\n" + up.output());
    }
    startedHere = !wasUp;
    for (String line : up.output().split("\n")) {
      if (line.startsWith("export KUBECONFIG=")) {
        kubeconfig = line.substring("export KUBECONFIG=".length()).trim();
      } else if (line.startsWith("export PATH=")) {
        kubectl = line.substring("export PATH=".length()).split(":")[0] + "/kubectl";
      }
    }
    if (kubeconfig == null || kubectl == null) {
      throw new IllegalStateException(
          "local-cluster.sh up printed no export lines:\n" + up.output());
    }
  }

  /**
   * @param args kubectl's arguments
   * @return what kubectl printed and its exit code
   * @throws Exception when it cannot run or times out (3 minutes)
   */
  public Result kubectl(String... args) throws Exception {
    return kubectlWithInput(null, args);
  }

  /**
   * @param input what kubectl reads on stdin (e.g. a manifest for {@code apply -f -})
   * @param args kubectl's arguments
   * @return what kubectl printed and its exit code
   * @throws Exception when it cannot run or times out (3 minutes)
   */
  public Result kubectlWithInput(String input, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(kubectl);
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.addAll(List.of(args));
    return run(Duration.ofMinutes(3), Map.of(), input, cmd);
  }

  /**
   * Applies the CRDs from {@code crds/}. kubectl 1.20 validates client-side against the 1.20
   * OpenAPI, which does not know {@code x-kubernetes-validations} (CEL, 1.25+), hence {@code
   * --validate=false}; the server still validates and ignores the rules it does not know.
   *
   * @throws Exception when kubectl fails
   */
  public void applyCrds() throws Exception {
    Result r = kubectl("apply", "--validate=false", "-f", repo.resolve("crds").toString());
    if (r.exitCode() != 0) {
      throw new IllegalStateException("applying crds/ failed:\n" + r.output());
    }
  }

  /**
   * Starts the built operator ({@code operator/target/quarkus-app/quarkus-run.jar}) against the
   * cluster, its log in {@code <state>/logs/operator-<n>.log}.
   *
   * @return the operator's log file
   * @throws IOException when it cannot start
   */
  public Path startOperator() throws IOException {
    return startOperator(kubeconfig, Map.of());
  }

  /**
   * Starts the built operator as {@link #startOperator()} does, with its own credentials and
   * environment (e.g. a ServiceAccount's token and the env of the operator's Deployment).
   *
   * @param operatorKubeconfig the kubeconfig the operator uses
   * @param env environment added to the operator's
   * @return the operator's log file
   * @throws IOException when it cannot start
   */
  public Path startOperator(String operatorKubeconfig, Map<String, String> env) throws IOException {
    Path jar = repo.resolve("operator/target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("the operator is not built: " + jar);
    }
    Path log = stateDir().resolve("logs").resolve("operator-" + (++operatorStarts) + ".log");
    List<String> cmd = new ArrayList<>(List.of("java"));
    // The options the operator image runs with, so that what is measured here is what ships.
    cmd.addAll(imageJavaOpts());
    if (Boolean.getBoolean("rustyray.operator.nmt")) {
      // For the benchmark's memory breakdown; it adds about 6 MiB of its own.
      cmd.add("-XX:NativeMemoryTracking=summary");
    }
    cmd.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(stateDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    pb.environment().put("KUBECONFIG", operatorKubeconfig);
    // glibc's per-thread malloc arenas otherwise add tens of MiB of resident memory.
    pb.environment().put("MALLOC_ARENA_MAX", "2");
    pb.environment().put("QUARKUS_HTTP_PORT", "" + freePort());
    operator = pb.start();
    return log;
  }

  /**
   * @return the JAVA_OPTS of the operator image ({@code operator/src/main/docker/Dockerfile.jvm})
   * @throws IOException when the Dockerfile cannot be read or sets none
   */
  public List<String> imageJavaOpts() throws IOException {
    String dockerfile = Files.readString(repo.resolve("operator/src/main/docker/Dockerfile.jvm"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(dockerfile);
    if (!m.find()) {
      throw new IOException("the operator's Dockerfile.jvm sets no JAVA_OPTS");
    }
    return List.of(m.group(1).trim().split("\\s+"));
  }

  /**
   * Stops the operator: SIGTERM, then SIGKILL after 30 s.
   *
   * @return whether it exited on SIGTERM (false: it had to be killed, or none ran)
   * @throws InterruptedException when interrupted
   */
  public boolean stopOperator() throws InterruptedException {
    boolean clean = false;
    if (operator != null && operator.isAlive()) {
      operator.destroy();
      clean = operator.waitFor(30, TimeUnit.SECONDS);
      if (!clean) {
        operator.destroyForcibly().waitFor();
      }
    }
    operator = null;
    return clean;
  }

  /**
   * Kills the operator without warning (SIGKILL), as a crash would.
   *
   * @throws InterruptedException when interrupted
   */
  public void killOperator() throws InterruptedException {
    if (operator != null) {
      operator.destroyForcibly().waitFor();
    }
    operator = null;
  }

  /**
   * @return the operator process's resident memory (VmRSS), in KiB
   * @throws IOException when /proc cannot be read
   */
  public long operatorPid() {
    return operator.pid();
  }

  /**
   * @return the operator process's resident memory (VmRSS), in KiB
   * @throws IOException when /proc cannot be read
   */
  public long operatorRssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", "" + operator.pid(), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for the operator");
  }

  /**
   * Runs the runtime's own CLI ({@code runtime-image/src/main/bin/rustyray}).
   *
   * @param args its arguments
   * @return what it printed and its exit code
   * @throws Exception when it cannot run or times out (2 minutes)
   */
  public Result rustyray(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(repo.resolve("runtime-image/src/main/bin/rustyray").toString());
    cmd.addAll(List.of(args));
    return run(
        Duration.ofMinutes(2),
        Map.of("RUSTYRAY_HOME", repo.resolve("runtime-image/target").toString()),
        null,
        cmd);
  }

  /**
   * @param timeout how long it may take
   * @param env environment added to this JVM's
   * @param input stdin, or null
   * @param cmd the command
   * @return what it printed and its exit code
   * @throws Exception when it cannot run or times out
   */
  public static Result run(
      Duration timeout, Map<String, String> env, String input, List<String> cmd) throws Exception {
    Path out = Files.createTempFile("e2e-cmd", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (input != null) {
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "timed out after " + timeout + ": " + cmd + "\n" + Files.readString(out));
      }
      return new Result(p.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    stopOperator();
    if (startedHere) {
      Result down =
          run(
              Duration.ofMinutes(2),
              Map.of(),
              null,
              List.of(repo.resolve("e2e/local-cluster.sh").toString(), "down"));
      if (down.exitCode() != 0) {
        throw new IllegalStateException("local-cluster.sh down failed:\n" + down.output());
      }
    }
  }
}

package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pod bound to one of the kubelet's nodes, on a thread of its own: gives it an IP, writes
 * its volumes and hosts file, starts each container as a process (in a session of its own, so that
 * its whole process group can be killed), probes it, restarts it per restartPolicy with a backoff,
 * publishes the pod's status when it changes, and on deletion stops it (SIGTERM, the grace period,
 * SIGKILL) and removes the pod.
 */
final class PodWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
  private static final Duration TICK = Duration.ofMillis(200);
  private static final int MAX_BACKOFF_SECONDS = 30;

  private final ProcessKubelet kubelet;
  private final String uid;
  private final String key;
  private final Path podDir;
  private final List<ContainerRun> containers = new ArrayList<>();
  private final Object wake = new Object();
  private volatile Pod pod;
  private volatile boolean gone;
  private volatile boolean shuttingDown;
  private volatile String hostsText;
  private String podIp;
  private String startTime;
  private Map<String, Path> volumes;
  private String lastPublished;
  private List<PodCondition> lastConditions;
  private final Thread thread;

  PodWorker(ProcessKubelet kubelet, Pod pod) {
    this.kubelet = kubelet;
    this.pod = pod;
    this.uid = pod.getMetadata().getUid();
    this.key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    this.podDir =
        kubelet
            .config()
            .workDir()
            .resolve("pods")
            .resolve(
                pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName() + "_" + uid);
    for (Container c : pod.getSpec().getContainers()) {
      containers.add(new ContainerRun(c));
    }
    this.thread = new Thread(this, "pod-" + key);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  String uid() {
    return uid;
  }

  Path podDir() {
    return podDir;
  }

  String podIp() {
    return podIp;
  }

  /** A newer version of the pod from the informer. */
  void update(Pod newer) {
    pod = newer;
    poke();
  }

  /** The pod has disappeared from the API (force-deleted): stop at once. */
  void markGone() {
    gone = true;
    poke();
  }

  /** New hosts file text for this pod (from the kubelet's sync loop). */
  void hosts(String text) {
    hostsText = text;
  }

  private void poke() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  @Override
  public void run() {
    try {
      init();
      while (!shuttingDown) {
        if (gone) {
          stopAll(Duration.ZERO);
          break;
        }
        Pod p = pod;
        if (p.getMetadata().getDeletionTimestamp() != null) {
          terminateAndRemove(p);
          break;
        }
        writeHosts();
        for (ContainerRun c : containers) {
          step(p, c);
        }
        publish(p);
        synchronized (wake) {
          wake.wait(TICK.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("pod {}: worker failed", key, e);
    } finally {
      kubelet.workerDone(this);
    }
  }

  private void init() {
    Pod p = pod;
    PodStatus old = p.getStatus();
    startTime =
        old != null && old.getStartTime() != null
            ? old.getStartTime()
            : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    lastConditions = old == null ? null : old.getConditions();
    podIp = kubelet.ips().assign(uid, old == null ? null : old.getPodIP());
    // Continue restart counts across kubelet restarts; a container that ran before and may not be
    // restarted is reported as lost instead of silently running again.
    String policy = restartPolicy(p);
    if (old != null && old.getContainerStatuses() != null) {
      for (ContainerRun c : containers) {
        for (ContainerStatus cs : old.getContainerStatuses()) {
          if (!cs.getName().equals(c.spec.getName())) {
            continue;
          }
          c.restartCount = cs.getRestartCount() == null ? 0 : cs.getRestartCount();
          boolean ranBefore =
              cs.getState() != null
                  && (cs.getState().getRunning() != null || cs.getState().getTerminated() != null);
          if (cs.getState() != null
              && cs.getState().getTerminated() != null
              && !willRestart(policy, cs.getState().getTerminated().getExitCode())) {
            c.state = cs.getState();
            c.finished = true;
          } else if (ranBefore && policy.equals("Never")) {
            c.state =
                c.terminated(
                    137,
                    "ContainerLost",
                    "the kubelet restarted and lost this process",
                    Instant.now());
            c.finished = true;
          } else if (ranBefore) {
            c.restartCount++;
          }
        }
      }
    }
    try {
      Files.createDirectories(podDir.resolve("tmp"));
      Files.createDirectories(podDir.resolve("home"));
      Files.createDirectories(podDir.resolve("logs"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + podDir, e);
    }
    LOG.info(
        "pod {}: accepted on {} with IP {} (folder {})",
        key,
        p.getSpec().getNodeName(),
        podIp,
        podDir);
  }

  private void writeHosts() {
    String text = hostsText;
    if (text == null) {
      // Before the sync loop's first update: compute it here, so no process starts without one.
      text = kubelet.hostsFile(pod, podIp);
    }
    Path file = podDir.resolve("hosts");
    try {
      if (Files.exists(file) && Files.readString(file).equals(text)) {
        return;
      }
      Path tmp = podDir.resolve("hosts.tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("pod {}: cannot write {}: {}", key, file, e.toString());
    }
  }

  private void step(Pod p, ContainerRun c) throws InterruptedException {
    if (c.finished) {
      return;
    }
    if (!kubelet.config().runnable(c.spec.getImage())) {
      if (c.state.getWaiting() == null
          || !"ImageNotRunnable".equals(c.state.getWaiting().getReason())) {
        event(p, c, true, "Failed", "Image " + c.spec.getImage() + " is not runnable here");
      }
      c.waiting(
          "ImageNotRunnable",
          "the process kubelet only runs images matching "
              + kubelet.config().runnableImage().pattern()
              + " (the RustyRay runtime), not "
              + c.spec.getImage());
      return;
    }
    Instant now = Instant.now();
    if (c.process == null) {
      if (c.restartAt != null && now.isBefore(c.restartAt)) {
        return;
      }
      if (now.isBefore(c.nextConfigAttempt)) {
        return;
      }
      startProcess(p, c);
      return;
    }
    if (!c.process.isAlive()) {
      exited(p, c);
      return;
    }
    probe(p, c, now);
  }

  private void startProcess(Pod p, ContainerRun c) {
    ProcessSpec spec;
    Map<String, Path> mounts;
    try {
      if (volumes == null) {
        volumes =
            PodVolumes.write(
                p, podDir.resolve("volumes"), podIp, kubelet.hostIp(), kubelet.sources());
      }
      Map<String, String> env =
          EnvResolver.resolve(p, c.spec, podIp, kubelet.hostIp(), kubelet.sources());
      spec =
          ProcessSpec.of(
              kubelet.config(),
              p,
              c.spec,
              env,
              podIp,
              podDir,
              podDir.resolve("hosts"),
              mounts = PodVolumes.mounts(c.spec, volumes),
              System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    } catch (EnvResolver.ConfigException e) {
      volumes = null;
      if (c.state.getWaiting() == null
          || !"CreateContainerConfigError".equals(c.state.getWaiting().getReason())) {
        event(p, c, true, "Failed", "Error: " + e.getMessage());
      }
      c.waiting("CreateContainerConfigError", e.getMessage());
      c.nextConfigAttempt = Instant.now().plusSeconds(2);
      return;
    } catch (IOException e) {
      volumes = null;
      c.waiting("CreateContainerError", e.toString());
      c.nextConfigAttempt = Instant.now().plusSeconds(2);
      return;
    }
    writeHosts();
    Path log = podDir.resolve("logs").resolve(c.spec.getName()).resolve(c.restartCount + ".log");
    try {
      Files.createDirectories(log.getParent());
      List<String> argv = new ArrayList<>();
      argv.add("setsid"); // a session (and process group) of its own; execs in place
      argv.addAll(spec.argv());
      ProcessBuilder pb = new ProcessBuilder(argv).directory(podDir.resolve("home").toFile());
      pb.environment().clear();
      pb.environment().putAll(spec.env());
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      c.process = pb.start();
      Files.writeString(podDir.resolve(c.spec.getName() + ".pid"), "" + c.process.pid());
    } catch (IOException e) {
      c.waiting("RunContainerError", e.toString());
      c.nextConfigAttempt = Instant.now().plusSeconds(2);
      return;
    }
    c.env = spec.env();
    Map<String, Path> m = mounts;
    c.rewrite = text -> ProcessSpec.rewrite(text, m, kubelet.config());
    c.logFile = log;
    c.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    c.running(c.startedAt);
    c.ready = false;
    c.restartAt = null;
    c.readinessSuccesses = 0;
    c.readinessFailures = 0;
    c.livenessFailures = 0;
    c.killedByLiveness = false;
    Probe rp = c.spec.getReadinessProbe();
    c.nextReadiness =
        Instant.now()
            .plusSeconds(rp == null ? 0 : Probes.orDefault(rp.getInitialDelaySeconds(), 0));
    Probe lp = c.spec.getLivenessProbe();
    c.nextLiveness =
        Instant.now()
            .plusSeconds(lp == null ? 0 : Probes.orDefault(lp.getInitialDelaySeconds(), 0));
    event(
        p,
        c,
        false,
        "Started",
        "Started container " + c.spec.getName() + " (pid " + c.process.pid() + ")");
    LOG.info(
        "pod {}: container {} started as pid {} (restart {}), log {}: {}",
        key,
        c.spec.getName(),
        c.process.pid(),
        c.restartCount,
        log,
        String.join(" ", spec.argv()));
  }

  private void probe(Pod p, ContainerRun c, Instant now) throws InterruptedException {
    Probe rp = c.spec.getReadinessProbe();
    if (rp == null) {
      c.ready = true;
    } else if (!now.isBefore(c.nextReadiness)) {
      boolean ok = Probes.attempt(rp, c.spec, podIp, c.env, podDir.resolve("home"), c.rewrite);
      if (ok) {
        c.readinessFailures = 0;
        c.readinessSuccesses++;
        if (c.readinessSuccesses >= Probes.orDefault(rp.getSuccessThreshold(), 1)) {
          c.ready = true;
        }
      } else {
        c.readinessSuccesses = 0;
        c.readinessFailures++;
        if (!c.ready || c.readinessFailures >= Probes.orDefault(rp.getFailureThreshold(), 3)) {
          c.ready = false;
        }
      }
      c.nextReadiness = now.plusSeconds(Math.max(1, Probes.orDefault(rp.getPeriodSeconds(), 10)));
    }
    Probe lp = c.spec.getLivenessProbe();
    if (lp != null && !now.isBefore(c.nextLiveness)) {
      boolean ok = Probes.attempt(lp, c.spec, podIp, c.env, podDir.resolve("home"), c.rewrite);
      c.livenessFailures = ok ? 0 : c.livenessFailures + 1;
      c.nextLiveness = now.plusSeconds(Math.max(1, Probes.orDefault(lp.getPeriodSeconds(), 10)));
      if (c.livenessFailures >= Probes.orDefault(lp.getFailureThreshold(), 3)) {
        LOG.info(
            "pod {}: container {} failed its liveness probe; killing it", key, c.spec.getName());
        c.killedByLiveness = true;
        event(p, c, true, "Unhealthy", "Liveness probe failed; the container will be restarted");
        stop(List.of(c), gracePeriod(p, null));
      }
    }
  }

  private void exited(Pod p, ContainerRun c) {
    int code = c.process.exitValue();
    killGroup(c.process.pid()); // what it left behind dies with it, as in a container
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String reason = code == 0 ? "Completed" : "Error";
    String message = c.killedByLiveness ? "killed after failing its liveness probe" : null;
    ContainerState terminated = c.terminated(code, reason, message, now);
    LOG.info("pod {}: container {} exited with code {}", key, c.spec.getName(), code);
    c.process = null;
    c.ready = false;
    if (willRestart(restartPolicy(p), code)) {
      boolean ranLong = c.startedAt != null && Duration.between(c.startedAt, now).toSeconds() > 60;
      c.backoffSeconds =
          ranLong || c.backoffSeconds == 0
              ? 1
              : Math.min(MAX_BACKOFF_SECONDS, c.backoffSeconds * 2);
      c.restartAt = now.plusSeconds(c.backoffSeconds);
      c.lastState = terminated;
      c.restartCount++;
      event(p, c, true, "BackOff", "Back-off restarting failed container (exit code " + code + ")");
      c.waiting(
          "CrashLoopBackOff",
          "back-off " + c.backoffSeconds + "s restarting failed container=" + c.spec.getName());
    } else {
      c.state = terminated;
      c.finished = true;
    }
  }

  private void event(Pod p, ContainerRun c, boolean warning, String reason, String message) {
    if (warning) {
      kubelet
          .events()
          .warning(p, "kubelet", p.getSpec().getNodeName(), c.spec.getName(), reason, message);
    } else {
      kubelet
          .events()
          .normal(p, "kubelet", p.getSpec().getNodeName(), c.spec.getName(), reason, message);
    }
  }

  private static String restartPolicy(Pod p) {
    String policy = p.getSpec().getRestartPolicy();
    return policy == null ? "Always" : policy;
  }

  static boolean willRestart(String policy, Integer exitCode) {
    return switch (policy) {
      case "Never" -> false;
      case "OnFailure" -> exitCode == null || exitCode != 0;
      default -> true;
    };
  }

  private void publish(Pod p) {
    List<ContainerStatus> statuses = new ArrayList<>();
    for (ContainerRun c : containers) {
      statuses.add(c.status());
    }
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    PodStatus status =
        PodStatuses.build(p, lastConditions, statuses, podIp, kubelet.hostIp(), startTime, now);
    String json = Serialization.asJson(status);
    if (json.equals(lastPublished)) {
      return;
    }
    try {
      kubelet
          .client()
          .pods()
          .inNamespace(p.getMetadata().getNamespace())
          .withName(p.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + json + "}");
      lastPublished = json;
      lastConditions = status.getConditions();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        gone = true;
      } else {
        LOG.warn("pod {}: status update failed: {}", key, e.getMessage());
      }
    }
  }

  /** Deletion requested: SIGTERM, wait the grace period, SIGKILL, then remove the pod. */
  private void terminateAndRemove(Pod p) throws InterruptedException {
    Duration grace = gracePeriod(p, p.getMetadata().getDeletionGracePeriodSeconds());
    LOG.info("pod {}: deleted; stopping its containers (grace {}s)", key, grace.toSeconds());
    for (ContainerRun c : containers) {
      if (c.process != null && c.process.isAlive()) {
        event(p, c, false, "Killing", "Stopping container " + c.spec.getName());
      }
    }
    stopAll(grace);
    for (ContainerRun c : containers) {
      if (c.process != null) {
        c.state =
            c.terminated(
                c.process.exitValue(),
                c.process.exitValue() == 0 ? "Completed" : "Error",
                null,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        c.finished = true;
        c.ready = false;
      }
    }
    publish(p);
    try {
      kubelet
          .client()
          .pods()
          .inNamespace(p.getMetadata().getNamespace())
          .withName(p.getMetadata().getName())
          .withGracePeriod(0)
          .delete();
      LOG.info("pod {}: removed", key);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        LOG.warn("pod {}: delete failed: {}", key, e.getMessage());
      }
    }
  }

  private static Duration gracePeriod(Pod p, Long fromDeletion) {
    Long s = fromDeletion != null ? fromDeletion : p.getSpec().getTerminationGracePeriodSeconds();
    return Duration.ofSeconds(s == null ? 30 : Math.max(0, s));
  }

  /** Stops every running container: SIGTERM, wait up to {@code grace}, then SIGKILL the group. */
  void stopAll(Duration grace) throws InterruptedException {
    stop(containers, grace);
  }

  private void stop(List<ContainerRun> runs, Duration grace) throws InterruptedException {
    List<Process> running = new ArrayList<>();
    for (ContainerRun c : runs) {
      if (c.process != null && c.process.isAlive()) {
        running.add(c.process);
        c.process.toHandle().destroy(); // SIGTERM to the container's main process
      }
    }
    Instant deadline = Instant.now().plus(grace);
    for (Process proc : running) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left > 0) {
        try {
          proc.onExit().get(left, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // still running: killed below
        }
      }
    }
    for (ContainerRun c : runs) {
      if (c.process != null) {
        killGroup(c.process.pid());
        c.process.waitFor();
      }
    }
  }

  /** SIGKILL to the process group the container's process leads (it was started with setsid). */
  static void killGroup(long pid) {
    try {
      new ProcessBuilder("kill", "-KILL", "--", "-" + pid)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** The kubelet stops: stop the processes (short grace), leave the pod in the API. */
  void shutdown(Duration grace) throws InterruptedException {
    shuttingDown = true;
    poke();
    thread.join(5000);
    stopAll(grace);
  }

  /**
   * @param container a container name
   * @param previous whether the previous instance's log is wanted
   * @return the log file, if any
   */
  Path logFile(String container, boolean previous) {
    for (ContainerRun c : containers) {
      if (c.spec.getName().equals(container)) {
        int n = c.restartCount - (previous ? 1 : 0);
        return n < 0 ? null : podDir.resolve("logs").resolve(container).resolve(n + ".log");
      }
    }
    return null;
  }

  /**
   * @return whether some container's process is running
   */
  boolean running() {
    return containers.stream().anyMatch(c -> c.process != null && c.process.isAlive());
  }

  String firstContainer() {
    return containers.get(0).spec.getName();
  }
}

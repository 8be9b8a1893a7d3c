package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pod bound to one of the kubelet's nodes, on a thread of its own: gives it an IP, keeps
 * its hosts file current ({@link PodHostsFile}), starts each container as a process ({@link
 * ContainerLauncher}), probes it ({@link ContainerHealth}), restarts it per restartPolicy with a
 * back-off, publishes the pod's status when it changes, and on deletion stops it (SIGTERM, the
 * grace period, SIGKILL of its process group) and removes the pod.
 */
final class PodWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
  private static final Duration TICK = Duration.ofMillis(200);

  private final ProcessKubelet kubelet;
  private final String uid;
  private final String key;
  private final Path podDir;
  private final List<ContainerRun> containers = new ArrayList<>();
  private final PodHostsFile hosts;
  private final Object wake = new Object();
  private volatile Pod pod;
  private volatile boolean gone;
  private volatile boolean shuttingDown;
  private String podIp;
  private String startTime;
  private ContainerLauncher launcher;
  private ContainerHealth health;
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
    this.hosts =
        new PodHostsFile(
            key, podDir.resolve("hosts"), () -> kubelet.hostsFile(this.pod, this.podIp));
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
    hosts.update(text);
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
        hosts.write();
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
    launcher = new ContainerLauncher(kubelet, key, podDir, podIp, hosts);
    health = new ContainerHealth(podIp, podDir.resolve("home"));
    if (old != null && old.getContainerStatuses() != null) {
      RestartPolicy policy = RestartPolicy.of(p);
      for (ContainerRun c : containers) {
        for (ContainerStatus cs : old.getContainerStatuses()) {
          if (cs.getName().equals(c.spec.getName())) {
            c.restore(cs, policy);
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

  private void step(Pod p, ContainerRun c) throws InterruptedException {
    if (c.finished) {
      return;
    }
    if (!kubelet.config().runnable(c.spec.getImage())) {
      if (c.state.getWaiting() == null
          || !"ImageNotRunnable".equals(c.state.getWaiting().getReason())) {
        kubelet
            .events()
            .containerWarning(
                p,
                c.spec.getName(),
                "Failed",
                "Image " + c.spec.getImage() + " is not runnable here");
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
      launcher.start(p, c);
      return;
    }
    if (!c.process.isAlive()) {
      exited(p, c);
      return;
    }
    if (health.probe(c, now)) {
      LOG.info("pod {}: container {} failed its liveness probe; killing it", key, c.spec.getName());
      c.killedByLiveness = true;
      kubelet
          .events()
          .containerWarning(
              p,
              c.spec.getName(),
              "Unhealthy",
              "Liveness probe failed; the container will be restarted");
      ProcessGroups.stop(List.of(c.process), gracePeriod(p, null));
    }
  }

  private void exited(Pod p, ContainerRun c) {
    int code = c.process.exitValue();
    ProcessGroups.kill(c.process.pid()); // what it left behind dies with it, as in a container
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String reason = code == 0 ? "Completed" : "Error";
    String message = c.killedByLiveness ? "killed after failing its liveness probe" : null;
    ContainerState terminated = c.terminated(code, reason, message, now);
    LOG.info("pod {}: container {} exited with code {}", key, c.spec.getName(), code);
    c.process = null;
    c.ready = false;
    if (RestartPolicy.of(p).restartsAfter(code)) {
      c.backOff(terminated, now);
      kubelet
          .events()
          .containerWarning(
              p,
              c.spec.getName(),
              "BackOff",
              "Back-off restarting failed container (exit code " + code + ")");
    } else {
      c.state = terminated;
      c.finished = true;
    }
  }

  private PodResource inApi(Pod p) {
    return kubelet
        .client()
        .pods()
        .inNamespace(p.getMetadata().getNamespace())
        .withName(p.getMetadata().getName());
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
      inApi(p)
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
        kubelet
            .events()
            .containerNormal(
                p, c.spec.getName(), "Killing", "Stopping container " + c.spec.getName());
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
      inApi(p).withGracePeriod(0).delete();
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
    List<Process> processes = new ArrayList<>();
    for (ContainerRun c : containers) {
      if (c.process != null) {
        processes.add(c.process);
      }
    }
    ProcessGroups.stop(processes, grace);
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

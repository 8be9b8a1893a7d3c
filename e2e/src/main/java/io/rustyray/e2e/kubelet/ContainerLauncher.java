package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the containers of one pod as processes: writes the pod's volumes (once, and again after a
 * failure), resolves each container's env, builds its command line ({@link ProcessSpec}), and
 * starts it through {@code setsid} in the pod's {@code home/}, its output appended to {@code
 * logs/<container>/<restart>.log}, its pid recorded beside. What cannot be resolved yet (a missing
 * Secret or ConfigMap) leaves the container waiting, tried again after 2 s, as the kubelet does.
 */
final class ContainerLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerLauncher.class);

  private final KubeletConfig config;
  private final EnvResolver.Sources sources;
  private final PodEvents events;
  private final String hostIp;
  private final String key;
  private final Path podDir;
  private final String podIp;
  private final PodHostsFile hosts;
  private Map<String, Path> volumes;

  ContainerLauncher(
      ProcessKubelet kubelet, String key, Path podDir, String podIp, PodHostsFile hosts) {
    this.config = kubelet.config();
    this.sources = kubelet.sources();
    this.events = kubelet.events();
    this.hostIp = kubelet.hostIp();
    this.key = key;
    this.podDir = podDir;
    this.podIp = podIp;
    this.hosts = hosts;
  }

  /**
   * Starts a process for {@code c}, or leaves it waiting with the reason why not.
   *
   * @param p the pod, as last seen
   * @param c a container of it without a process
   */
  void start(Pod p, ContainerRun c) {
    ProcessSpec spec;
    Map<String, Path> mounts;
    try {
      if (volumes == null) {
        volumes = PodVolumes.write(p, podDir.resolve("volumes"), podIp, hostIp, sources);
      }
      Map<String, String> env = EnvResolver.resolve(p, c.spec, podIp, hostIp, sources);
      mounts = PodVolumes.mounts(c.spec, volumes);
      spec =
          ProcessSpec.of(
              config,
              p,
              c.spec,
              env,
              podIp,
              podDir,
              hosts.path(),
              mounts,
              System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    } catch (EnvResolver.ConfigException e) {
      volumes = null;
      if (c.state.getWaiting() == null
          || !"CreateContainerConfigError".equals(c.state.getWaiting().getReason())) {
        events.containerWarning(p, c.spec.getName(), "Failed", "Error: " + e.getMessage());
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
    hosts.write();
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
    Map<String, Path> containerMounts = mounts;
    c.started(spec.env(), text -> ProcessSpec.rewrite(text, containerMounts, config), log);
    events.containerNormal(
        p,
        c.spec.getName(),
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
}

package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of a container's process, as the runtime image would give them:
 * the image's entrypoint is {@code /usr/local/bin/rustyray}, so a container without a command runs
 * the local {@code rustyray} wrapper with its args, and the image's env (RUSTYRAY_HOME, JAVA_OPTS)
 * comes first. Container paths that cannot exist here are mapped to the pod's folder: volume mount
 * paths and {@code /usr/local/bin/rustyray} are rewritten in the command, args and env values.
 *
 * @param argv the command line
 * @param env the complete environment (nothing is inherited from the kubelet)
 */
public record ProcessSpec(List<String> argv, Map<String, String> env) {
  /** The image's entrypoint. */
  public static final String ENTRYPOINT = "/usr/local/bin/rustyray";

  /** The image's default JAVA_OPTS (runtime-image/src/main/docker/Dockerfile.jvm). */
  public static final String IMAGE_JAVA_OPTS =
      "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError";

  /**
   * @param config the kubelet's settings
   * @param pod the pod
   * @param container the container
   * @param containerEnv its resolved env ({@link EnvResolver#resolve})
   * @param podIp the pod's IP
   * @param podDir the pod's folder (home, tmp)
   * @param hostsFile the pod's hosts file
   * @param mounts volume mount paths in the container to local folders or files
   * @param kubeletPath the kubelet's PATH, which the process gets after the pod's bin folder
   * @return the process to start
   */
  public static ProcessSpec of(
      KubeletConfig config,
      Pod pod,
      Container container,
      Map<String, String> containerEnv,
      String podIp,
      Path podDir,
      Path hostsFile,
      Map<String, Path> mounts,
      String kubeletPath) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", config.rustyrayBin().getParent() + ":" + kubeletPath);
    env.put("HOME", podDir.resolve("home").toString());
    env.put("HOSTNAME", pod.getMetadata().getName());
    env.put("LANG", "C.UTF-8");
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null) {
      env.put("JAVA_HOME", javaHome);
    }
    env.put("KUBERNETES_SERVICE_HOST", config.apiHost());
    env.put("KUBERNETES_SERVICE_PORT", "" + config.apiPort());
    env.put("KUBERNETES_SERVICE_PORT_HTTPS", "" + config.apiPort());
    env.put("KUBERNETES_PORT", "tcp://" + config.apiHost() + ":" + config.apiPort());
    // The image's env.
    env.put("RUSTYRAY_HOME", config.rustyrayHome().toString());
    env.put("JAVA_OPTS", IMAGE_JAVA_OPTS);
    for (Map.Entry<String, String> e : containerEnv.entrySet()) {
      env.put(e.getKey(), rewrite(e.getValue(), mounts, config));
    }
    StringBuilder javaOpts = new StringBuilder(env.get("JAVA_OPTS"));
    memoryLimit(container).ifPresent(bytes -> javaOpts.append(" -XX:MaxRAM=").append(bytes));
    if (!config.javaOpts().isBlank()) {
      javaOpts.append(' ').append(config.javaOpts().trim());
    }
    javaOpts
        .append(" -Djdk.net.hosts.file=")
        .append(hostsFile)
        // How long lookups are kept is set by the rustyray wrapper (rustyray-dns.security): the
        // JDK's own security file would override system properties given here.
        .append(" -Djava.io.tmpdir=")
        .append(podDir.resolve("tmp"));
    env.put("JAVA_OPTS", javaOpts.toString());

    List<String> command = EnvResolver.expandAll(container.getCommand(), env);
    List<String> args = EnvResolver.expandAll(container.getArgs(), env);
    List<String> argv = new ArrayList<>();
    String bin = config.rustyrayBin().toString();
    if (command.isEmpty()) {
      argv.add(bin);
    } else if (command.get(0).equals(ENTRYPOINT) || command.get(0).equals("rustyray")) {
      argv.add(bin);
      argv.addAll(command.subList(1, command.size()));
    } else {
      argv.addAll(command);
    }
    argv.addAll(args);
    argv.replaceAll(a -> rewrite(a, mounts, config));
    return new ProcessSpec(List.copyOf(argv), env);
  }

  /**
   * @param container a container
   * @return its memory limit (else request) in bytes: the JVM sizes its heap from it, as it would
   *     from the container's cgroup
   */
  static java.util.Optional<Long> memoryLimit(Container container) {
    var r = container.getResources();
    if (r == null) {
      return java.util.Optional.empty();
    }
    Quantity q = r.getLimits() == null ? null : r.getLimits().get("memory");
    if (q == null && r.getRequests() != null) {
      q = r.getRequests().get("memory");
    }
    return q == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(Quantity.getAmountInBytes(q).longValue());
  }

  static String rewrite(String text, Map<String, Path> mounts, KubeletConfig config) {
    String out = text.replace(ENTRYPOINT, config.rustyrayBin().toString());
    // Longest mount path first, so /etc/a/b wins over /etc/a.
    List<Map.Entry<String, Path>> byLength = new ArrayList<>(mounts.entrySet());
    byLength.sort(Comparator.comparingInt((Map.Entry<String, Path> e) -> -e.getKey().length()));
    for (Map.Entry<String, Path> m : byLength) {
      out = out.replace(m.getKey(), m.getValue().toString());
    }
    return out;
  }
}

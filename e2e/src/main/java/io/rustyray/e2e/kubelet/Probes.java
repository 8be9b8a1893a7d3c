package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs one probe attempt against a pod's process: tcpSocket (a connection opens), httpGet (a status
 * 200..399) or exec (the command exits 0 within the timeout), like the kubelet's prober. The
 * probe's host defaults to the pod IP; named ports are looked up in the container's ports.
 */
public final class Probes {
  private Probes() {}

  /**
   * @param probe the probe
   * @param container its container (for named ports)
   * @param podIp the pod's IP
   * @param env the container's environment (for exec)
   * @param workDir the working directory (for exec)
   * @param rewrite maps container paths in an exec command to local ones
   * @return whether the attempt succeeded
   */
  public static boolean attempt(
      Probe probe,
      Container container,
      String podIp,
      Map<String, String> env,
      Path workDir,
      UnaryOperator<String> rewrite) {
    int timeoutMs = 1000 * Math.max(1, orDefault(probe.getTimeoutSeconds(), 1));
    try {
      if (probe.getTcpSocket() != null) {
        String host = hostOr(probe.getTcpSocket().getHost(), podIp);
        int port = port(probe.getTcpSocket().getPort(), container);
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(host, port), timeoutMs);
          return true;
        }
      }
      if (probe.getHttpGet() != null) {
        var get = probe.getHttpGet();
        String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase();
        String path = get.getPath() == null ? "/" : get.getPath();
        URI uri =
            URI.create(
                scheme
                    + "://"
                    + hostOr(get.getHost(), podIp)
                    + ":"
                    + port(get.getPort(), container)
                    + (path.startsWith("/") ? path : "/" + path));
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(timeoutMs);
        c.setReadTimeout(timeoutMs);
        if (get.getHttpHeaders() != null) {
          get.getHttpHeaders().forEach(h -> c.setRequestProperty(h.getName(), h.getValue()));
        }
        try {
          int code = c.getResponseCode();
          return code >= 200 && code < 400;
        } finally {
          c.disconnect();
        }
      }
      if (probe.getExec() != null) {
        List<String> cmd = probe.getExec().getCommand();
        if (cmd == null || cmd.isEmpty()) {
          return false;
        }
        ProcessBuilder pb =
            new ProcessBuilder(cmd.stream().map(rewrite).toList()).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          return false;
        }
        return p.exitValue() == 0;
      }
      return true; // a probe with no handler the kubelet knows: do not block readiness
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String hostOr(String host, String podIp) {
    return host == null || host.isBlank() ? podIp : host;
  }

  /**
   * @param port a probe's port: a number or the name of a container port
   * @param container the container
   * @return the port number
   */
  static int port(IntOrString port, Container container) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    String name = port.getStrVal();
    if (container.getPorts() != null) {
      for (ContainerPort p : container.getPorts()) {
        if (name.equals(p.getName())) {
          return p.getContainerPort();
        }
      }
    }
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("no container port named " + name);
    }
  }

  static int orDefault(Integer v, int d) {
    return v == null ? d : v;
  }
}

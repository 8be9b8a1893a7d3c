package io.rustyray.e2e.kubelet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The kubelet's settings, from {@code --name=value} options (see {@link #usage()}).
 *
 * @param nodes the Node names to register
 * @param cpu each node's cpu capacity (a quantity)
 * @param memory each node's memory capacity (a quantity)
 * @param pods each node's pod capacity
 * @param runnableImage the images the kubelet runs as a RustyRay runtime process
 * @param rustyrayBin the runtime's {@code rustyray} wrapper script
 * @param rustyrayHome the folder holding {@code quarkus-app/} (RUSTYRAY_HOME)
 * @param workDir where pod folders, logs and hosts files go
 * @param podCidr the loopback range pod IPs come from, such as 127.1.0.0/16
 * @param apiHost the API server's host as pods should reach it (KUBERNETES_SERVICE_HOST)
 * @param apiPort its port (KUBERNETES_SERVICE_PORT)
 * @param kubeletPort the port of the kubelet-style HTTPS endpoint that serves {@code kubectl logs}
 *     (0: none)
 * @param javaOpts extra JVM options appended to every pod's JAVA_OPTS
 * @param heartbeat how often node status and leases are renewed
 */
public record KubeletConfig(
    List<String> nodes,
    String cpu,
    String memory,
    String pods,
    Pattern runnableImage,
    Path rustyrayBin,
    Path rustyrayHome,
    Path workDir,
    String podCidr,
    String apiHost,
    int apiPort,
    int kubeletPort,
    String javaOpts,
    Duration heartbeat) {

  /** The default runnable images: the RustyRay runtime image, any tag or digest. */
  public static final String DEFAULT_IMAGE = "ghcr\\.io/rustyray/rustyray-runtime([:@].*)?";

  /**
   * @return the options this program takes
   */
  public static String usage() {
    return String.join(
        "\n",
        "usage: ProcessKubeletMain [--name=value ...]",
        "  --kubeconfig=FILE        kubeconfig of the API server (default: $KUBECONFIG)",
        "  --nodes=a,b              Node names (default local-node-1)",
        "  --cpu=16 --memory=32Gi --pods=110   capacity of each node",
        "  --image-pattern=REGEX    images run as RustyRay runtime processes (default "
            + DEFAULT_IMAGE
            + ")",
        "  --rustyray-bin=FILE      the rustyray wrapper (runtime-image/src/main/bin/rustyray)",
        "  --rustyray-home=DIR      RUSTYRAY_HOME (runtime-image/target)",
        "  --work-dir=DIR           pod folders, logs, hosts files",
        "  --pod-cidr=127.1.0.0/16  loopback range of pod IPs",
        "  --api-host=H --api-port=P  KUBERNETES_SERVICE_HOST/PORT given to pods",
        "  --kubelet-port=10250     HTTPS port serving `kubectl logs` (0: off)",
        "  --java-opts=STRING       appended to each pod's JAVA_OPTS",
        "  --heartbeat-seconds=10   node status / lease renewal period");
  }

  /**
   * @param args {@code --name=value} options
   * @return the settings
   * @throws IllegalArgumentException for an unknown or malformed option
   */
  public static KubeletConfig parse(String... args) {
    List<String> nodes = List.of("local-node-1");
    String cpu = "16";
    String memory = "32Gi";
    String pods = "110";
    String image = DEFAULT_IMAGE;
    Path bin = Path.of("runtime-image/src/main/bin/rustyray");
    Path home = Path.of("runtime-image/target");
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "rustyray-kubelet");
    String cidr = "127.1.0.0/16";
    String apiHost = "127.0.0.1";
    int apiPort = 6443;
    int kubeletPort = 10250;
    String javaOpts = "";
    Duration heartbeat = Duration.ofSeconds(10);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (name) {
        case "kubeconfig" -> System.setProperty("kubeconfig", value);
        case "nodes" -> nodes = splitNames(value);
        case "cpu" -> cpu = value;
        case "memory" -> memory = value;
        case "pods" -> pods = value;
        case "image-pattern" -> image = value;
        case "rustyray-bin" -> bin = Path.of(value);
        case "rustyray-home" -> home = Path.of(value);
        case "work-dir" -> work = Path.of(value);
        case "pod-cidr" -> cidr = value;
        case "api-host" -> apiHost = value;
        case "api-port" -> apiPort = Integer.parseInt(value);
        case "kubelet-port" -> kubeletPort = Integer.parseInt(value);
        case "java-opts" -> javaOpts = value;
        case "heartbeat-seconds" -> heartbeat = Duration.ofSeconds(Long.parseLong(value));
        default -> throw new IllegalArgumentException("unknown option --" + name);
      }
    }
    IpAllocator.parseCidr(cidr); // fail early on a bad range
    return new KubeletConfig(
        nodes,
        cpu,
        memory,
        pods,
        Pattern.compile(image),
        bin.toAbsolutePath(),
        home.toAbsolutePath(),
        work.toAbsolutePath(),
        cidr,
        apiHost,
        apiPort,
        kubeletPort,
        javaOpts,
        heartbeat);
  }

  private static List<String> splitNames(String value) {
    List<String> names = new ArrayList<>();
    for (String n : value.split(",")) {
      if (!n.isBlank()) {
        names.add(n.trim());
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("--nodes needs at least one name");
    }
    return List.copyOf(names);
  }

  /**
   * @param image a container image
   * @return whether this kubelet can run it
   */
  public boolean runnable(String image) {
    return image != null && runnableImage.matcher(image).matches();
  }
}

package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process kubelet: a kubelet and a scheduler for a machine without a container engine. It
 * registers its Nodes and keeps their Ready condition fresh, binds pending pods to a node where
 * their requests fit, and runs the pods bound to its nodes through {@link PodWorker}s. One sync
 * loop (woken by informer events, and at least every second) does the scheduling, starts and stops
 * workers, and hands each worker its hosts file.
 */
public final class ProcessKubelet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessKubelet.class);

  /** The node IP every node reports (its kubelet endpoint listens there). */
  static final String HOST_IP = "127.0.0.1";

  private final KubeletConfig config;
  private final KubernetesClient client;
  private final IpAllocator ips;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final Map<String, String> assumed = new HashMap<>();
  private final Map<String, String> unschedulable = new HashMap<>();
  private final Semaphore wake = new Semaphore(0);
  private final String machineHostname;
  private final EnvResolver.Sources sources;
  private final PodEvents events;
  private SharedIndexInformer<Pod> podInformer;
  private SharedIndexInformer<Service> serviceInformer;
  private Thread loop;
  private volatile boolean running;
  private boolean ipsReserved;
  private Instant nextHeartbeat = Instant.EPOCH;
  private LogServer logServer;

  /**
   * @param config settings
   * @param client a client with rights over nodes, pods, pods/status, pods/binding, services,
   *     secrets and configmaps
   */
  public ProcessKubelet(KubeletConfig config, KubernetesClient client) {
    this.config = config;
    this.client = client;
    this.ips = new IpAllocator(config.podCidr());
    this.machineHostname = readHostname();
    this.sources = new ApiSources(client);
    this.events = new PodEvents(client);
  }

  PodEvents events() {
    return events;
  }

  KubeletConfig config() {
    return config;
  }

  KubernetesClient client() {
    return client;
  }

  IpAllocator ips() {
    return ips;
  }

  String hostIp() {
    return HOST_IP;
  }

  EnvResolver.Sources sources() {
    return sources;
  }

  /**
   * Registers the nodes, starts the informers, the log endpoint and the sync loop.
   *
   * @throws IOException when the work folder or the log endpoint cannot be set up
   */
  public void start() throws IOException {
    Files.createDirectories(config.workDir().resolve("pods"));
    killOrphans();
    if (config.kubeletPort() > 0) {
      logServer = new LogServer(this, config.kubeletPort(), config.workDir());
      logServer.start();
    }
    for (String name : config.nodes()) {
      nodes.put(name, nodeObject(name));
    }
    heartbeat();
    ResourceEventHandler<Object> poke =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Object obj) {
            wake.release();
          }

          @Override
          public void onUpdate(Object oldObj, Object newObj) {
            wake.release();
          }

          @Override
          public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
            wake.release();
          }
        };
    podInformer = client.pods().inAnyNamespace().inform(cast(poke), 0);
    serviceInformer = client.services().inAnyNamespace().inform(cast(poke), 0);
    running = true;
    loop = new Thread(this::loop, "kubelet-sync");
    loop.start();
    LOG.info(
        "process kubelet up: nodes {} (cpu {}, memory {}, pods {} each), pod IPs from {}, images {},"
            + " work dir {}",
        config.nodes(),
        config.cpu(),
        config.memory(),
        config.pods(),
        config.podCidr(),
        config.runnableImage().pattern(),
        config.workDir());
  }

  @SuppressWarnings("unchecked")
  private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> h) {
    return (ResourceEventHandler<T>) (ResourceEventHandler<?>) h;
  }

  private void loop() {
    while (running) {
      try {
        wake.tryAcquire(1, TimeUnit.SECONDS);
        wake.drainPermits();
        if (!running) {
          break;
        }
        syncOnce();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        LOG.warn("sync failed: {}", e.toString(), e);
      }
    }
  }

  private void syncOnce() {
    if (!Instant.now().isBefore(nextHeartbeat)) {
      heartbeat();
    }
    List<Pod> pods = podInformer.getStore().list();
    if (!ipsReserved) {
      // After a kubelet restart: pods that already had an IP keep it, and no new pod takes it.
      for (Pod p : pods) {
        String node = p.getSpec().getNodeName();
        String ip = p.getStatus() == null ? null : p.getStatus().getPodIP();
        if (node != null && nodes.containsKey(node) && ip != null && !terminal(p)) {
          ips.assign(p.getMetadata().getUid(), ip);
        }
      }
      ipsReserved = true;
    }
    schedule(pods);
    Map<String, Pod> byUid = new HashMap<>();
    for (Pod p : pods) {
      byUid.put(p.getMetadata().getUid(), p);
      String node = p.getSpec().getNodeName();
      if (node == null || !nodes.containsKey(node)) {
        continue;
      }
      PodWorker w = workers.get(p.getMetadata().getUid());
      if (w != null) {
        w.update(p);
        continue;
      }
      boolean deleting = p.getMetadata().getDeletionTimestamp() != null;
      if ((terminal(p) && !deleting) || finished.contains(p.getMetadata().getUid())) {
        continue;
      }
      w = new PodWorker(this, p);
      workers.put(w.uid(), w);
      w.start();
    }
    for (PodWorker w : workers.values()) {
      if (!byUid.containsKey(w.uid())) {
        w.markGone();
      }
    }
    finished.retainAll(byUid.keySet());
    assumed.keySet().retainAll(byUid.keySet());
    unschedulable.keySet().retainAll(byUid.keySet());
    // Hosts files: Service names resolve to a ready pod of the Service.
    Collection<Service> services = serviceInformer.getStore().list();
    for (PodWorker w : workers.values()) {
      Pod p = byUid.get(w.uid());
      if (p != null && w.podIp() != null) {
        w.hosts(ServiceHosts.hostsFile(p, w.podIp(), machineHostname, services, pods));
      }
    }
  }

  /**
   * @param pod a pod of this kubelet
   * @param podIp its IP
   * @return its hosts file, from the informers' current view
   */
  String hostsFile(Pod pod, String podIp) {
    return ServiceHosts.hostsFile(
        pod,
        podIp,
        machineHostname,
        serviceInformer.getStore().list(),
        podInformer.getStore().list());
  }

  static boolean terminal(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return PodStatuses.SUCCEEDED.equals(phase) || PodStatuses.FAILED.equals(phase);
  }

  /**
   * Binds pending pods (no kube-scheduler runs): the node with most free cpu among those that fit.
   */
  private void schedule(List<Pod> pods) {
    Map<String, List<Pod>> onNode = new HashMap<>();
    nodes.keySet().forEach(n -> onNode.put(n, new ArrayList<>()));
    List<Pod> pending = new ArrayList<>();
    for (Pod p : pods) {
      String node = p.getSpec().getNodeName();
      if (node == null || node.isEmpty()) {
        node = assumed.get(p.getMetadata().getUid());
      } else {
        assumed.remove(p.getMetadata().getUid());
      }
      if (node != null && !node.isEmpty()) {
        if (onNode.containsKey(node) && !terminal(p)) {
          onNode.get(node).add(p);
        }
      } else if (p.getMetadata().getDeletionTimestamp() == null
          && !terminal(p)
          && (p.getSpec().getSchedulerName() == null
              || p.getSpec().getSchedulerName().equals("default-scheduler"))) {
        pending.add(p);
      }
    }
    pending.sort(
        Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
            .thenComparing(p -> p.getMetadata().getName()));
    for (Pod p : pending) {
      String best = null;
      double bestFree = -1;
      Map<String, Integer> reasons = new LinkedHashMap<>();
      for (Node node : nodes.values()) {
        String name = node.getMetadata().getName();
        Optional<String> why = PodFit.whyNot(node, onNode.get(name), p);
        if (why.isPresent()) {
          reasons.merge(why.get(), 1, Integer::sum);
          continue;
        }
        double free = PodFit.freeCpuFraction(node, onNode.get(name));
        if (free > bestFree) {
          bestFree = free;
          best = name;
        }
      }
      if (best != null) {
        if (bind(p, best)) {
          assumed.put(p.getMetadata().getUid(), best);
          onNode.get(best).add(p);
        }
      } else {
        StringBuilder msg = new StringBuilder("0/" + nodes.size() + " nodes are available:");
        reasons.forEach((why, n) -> msg.append(' ').append(n).append(' ').append(why).append(','));
        msg.setLength(msg.length() - 1);
        msg.append('.');
        markUnschedulable(p, msg.toString());
      }
    }
  }

  private boolean bind(Pod p, String node) {
    Binding binding =
        new BindingBuilder()
            .withNewMetadata()
            .withName(p.getMetadata().getName())
            .withNamespace(p.getMetadata().getNamespace())
            .withUid(p.getMetadata().getUid())
            .endMetadata()
            .withNewTarget()
            .withApiVersion("v1")
            .withKind("Node")
            .withName(node)
            .endTarget()
            .build();
    try {
      client.bindings().inNamespace(p.getMetadata().getNamespace()).resource(binding).create();
      LOG.info(
          "bound pod {}/{} to {}", p.getMetadata().getNamespace(), p.getMetadata().getName(), node);
      events.normal(
          p,
          "default-scheduler",
          null,
          null,
          "Scheduled",
          "Successfully assigned "
              + p.getMetadata().getNamespace()
              + "/"
              + p.getMetadata().getName()
              + " to "
              + node);
      return true;
    } catch (KubernetesClientException e) {
      LOG.warn(
          "binding pod {}/{} to {} failed: {}",
          p.getMetadata().getNamespace(),
          p.getMetadata().getName(),
          node,
          e.getMessage());
      return false;
    }
  }

  private void markUnschedulable(Pod p, String message) {
    if (message.equals(unschedulable.get(p.getMetadata().getUid()))) {
      return;
    }
    List<PodCondition> previous =
        p.getStatus() == null || p.getStatus().getConditions() == null
            ? List.of()
            : p.getStatus().getConditions();
    PodCondition c =
        PodStatuses.condition(
            previous,
            "PodScheduled",
            "False",
            "Unschedulable",
            message,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    try {
      client
          .pods()
          .inNamespace(p.getMetadata().getNamespace())
          .withName(p.getMetadata().getName())
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"status\":{\"phase\":\"Pending\",\"conditions\":["
                  + Serialization.asJson(c)
                  + "]}}");
      unschedulable.put(p.getMetadata().getUid(), message);
      events.warning(p, "default-scheduler", null, null, "FailedScheduling", message);
      LOG.info(
          "pod {}/{} is unschedulable: {}",
          p.getMetadata().getNamespace(),
          p.getMetadata().getName(),
          message);
    } catch (KubernetesClientException e) {
      LOG.warn(
          "marking pod {} unschedulable failed: {}", p.getMetadata().getName(), e.getMessage());
    }
  }

  // ------------------------------------------------------------------- nodes

  private Node nodeObject(String name) {
    Map<String, Quantity> capacity = new LinkedHashMap<>();
    capacity.put("cpu", new Quantity(config.cpu()));
    capacity.put("memory", new Quantity(config.memory()));
    capacity.put("pods", new Quantity(config.pods()));
    capacity.put("ephemeral-storage", new Quantity("100Gi"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("kubernetes.io/hostname", name)
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", arch())
        .addToLabels("rustyray.io/process-node", "true")
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .addNewAddress(HOST_IP, "InternalIP")
        // No Hostname address: the API server would try it first to reach the log endpoint,
        // and node names do not resolve here.
        .withNewDaemonEndpoints()
        .withNewKubeletEndpoint(config.kubeletPort() > 0 ? config.kubeletPort() : 10250)
        .endDaemonEndpoints()
        .withNewNodeInfo()
        .withArchitecture(arch())
        .withOperatingSystem("linux")
        .withOsImage(System.getProperty("os.name") + " " + System.getProperty("os.version"))
        .withKernelVersion(System.getProperty("os.version"))
        .withKubeletVersion("v1.20.2-rustyray-process-kubelet")
        .withKubeProxyVersion("none")
        .withContainerRuntimeVersion("process://java-" + System.getProperty("java.version"))
        .withMachineID(name)
        .withSystemUUID(name)
        .withBootID(name)
        .endNodeInfo()
        .endStatus()
        .build();
  }

  private static String arch() {
    String a = System.getProperty("os.arch");
    return a.equals("x86_64") ? "amd64" : a.equals("aarch64") ? "arm64" : a;
  }

  /** Creates missing nodes and renews each node's conditions (lastHeartbeatTime). */
  private void heartbeat() {
    nextHeartbeat = Instant.now().plus(config.heartbeat());
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    for (Map.Entry<String, Node> e : nodes.entrySet()) {
      String name = e.getKey();
      try {
        Node existing = client.nodes().withName(name).get();
        if (existing == null) {
          client.nodes().resource(e.getValue()).create();
          LOG.info("registered node {}", name);
          existing = client.nodes().withName(name).get();
        }
        // Keep labels users add (nodeSelector tests), keep our own status.
        Node local = e.getValue();
        local.getMetadata().setLabels(existing.getMetadata().getLabels());
        List<NodeCondition> previous =
            existing.getStatus() == null || existing.getStatus().getConditions() == null
                ? List.of()
                : existing.getStatus().getConditions();
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(
            nodeCondition(
                previous, "Ready", "True", "KubeletReady", "process kubelet is ready", now));
        conditions.add(
            nodeCondition(
                previous, "MemoryPressure", "False", "KubeletHasSufficientMemory", "", now));
        conditions.add(
            nodeCondition(previous, "DiskPressure", "False", "KubeletHasNoDiskPressure", "", now));
        conditions.add(
            nodeCondition(previous, "PIDPressure", "False", "KubeletHasSufficientPID", "", now));
        local.getStatus().setConditions(conditions);
        client
            .nodes()
            .withName(name)
            .subresource("status")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":" + Serialization.asJson(local.getStatus()) + "}");
      } catch (KubernetesClientException ex) {
        LOG.warn("heartbeat of node {} failed: {}", name, ex.getMessage());
      }
    }
  }

  /** As the node lifecycle controller would after missed heartbeats: nothing runs pods now. */
  private void markNodesNotReady() {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    for (String name : nodes.keySet()) {
      try {
        NodeCondition ready =
            nodeCondition(
                List.of(), "Ready", "False", "KubeletStopped", "the process kubelet stopped", now);
        client
            .nodes()
            .withName(name)
            .subresource("status")
            .patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"status\":{\"conditions\":[" + Serialization.asJson(ready) + "]}}");
      } catch (KubernetesClientException e) {
        LOG.warn("marking node {} NotReady failed: {}", name, e.getMessage());
      }
    }
  }

  private static NodeCondition nodeCondition(
      List<NodeCondition> previous,
      String type,
      String status,
      String reason,
      String message,
      String now) {
    String since =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
            .map(NodeCondition::getLastTransitionTime)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElse(now);
    return new NodeConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastHeartbeatTime(now)
        .withLastTransitionTime(since)
        .build();
  }

  // ------------------------------------------------------------------- workers

  void workerDone(PodWorker w) {
    workers.remove(w.uid(), w);
    finished.add(w.uid());
    ips.release(w.uid());
    wake.release();
  }

  /**
   * @param namespace a namespace
   * @param name a pod name
   * @return the worker running that pod on this kubelet, if any
   */
  Optional<PodWorker> worker(String namespace, String name) {
    String prefix = namespace + "_" + name + "_";
    return workers.values().stream()
        .filter(w -> w.podDir().getFileName().toString().startsWith(prefix))
        .findFirst();
  }

  /**
   * Processes that a previous kubelet left running (it was killed without its shutdown hook): any
   * recorded pid whose command line still names its pod folder is killed with its group.
   */
  private void killOrphans() throws IOException {
    try (Stream<Path> dirs = Files.list(config.workDir().resolve("pods"))) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path pidFile : (Iterable<Path>) files::iterator) {
            if (!pidFile.getFileName().toString().endsWith(".pid")) {
              continue;
            }
            try {
              long pid = Long.parseLong(Files.readString(pidFile).trim());
              Path cmdline = Path.of("/proc/" + pid + "/cmdline");
              if (Files.exists(cmdline)
                  && new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
                      .contains(dir.toString())) {
                LOG.info("killing process group {} left over from {}", pid, dir);
                PodWorker.killGroup(pid);
              }
              Files.deleteIfExists(pidFile);
            } catch (IOException | NumberFormatException e) {
              // not ours or already gone
            }
          }
        }
      }
    }
  }

  private static String readHostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
  }

  /** Stops the loop and every pod's processes (the pods stay in the API). */
  @Override
  public void close() {
    running = false;
    wake.release();
    if (loop != null) {
      try {
        loop.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (podInformer != null) {
      podInformer.close();
    }
    if (serviceInformer != null) {
      serviceInformer.close();
    }
    List<Thread> stoppers = new ArrayList<>();
    for (PodWorker w : new HashSet<>(workers.values())) {
      Thread t =
          new Thread(
              () -> {
                try {
                  w.shutdown(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      stoppers.add(t);
    }
    for (Thread t : stoppers) {
      try {
        t.join(20_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (logServer != null) {
      logServer.stop();
    }
    markNodesNotReady();
    LOG.info("process kubelet stopped");
  }

  /** Secrets and ConfigMaps read from the API server when a container starts. */
  private static final class ApiSources implements EnvResolver.Sources {
    private final KubernetesClient client;

    ApiSources(KubernetesClient client) {
      this.client = client;
    }

    @Override
    public Optional<Map<String, String>> secret(String namespace, String name) {
      Secret s = client.secrets().inNamespace(namespace).withName(name).get();
      if (s == null) {
        return Optional.empty();
      }
      Map<String, String> data = new LinkedHashMap<>();
      if (s.getData() != null) {
        s.getData()
            .forEach(
                (k, v) ->
                    data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
      }
      if (s.getStringData() != null) {
        data.putAll(s.getStringData());
      }
      return Optional.of(data);
    }

    @Override
    public Optional<Map<String, String>> configMap(String namespace, String name) {
      ConfigMap c = client.configMaps().inNamespace(namespace).withName(name).get();
      if (c == null) {
        return Optional.empty();
      }
      return Optional.of(c.getData() == null ? Map.of() : c.getData());
    }
  }
}

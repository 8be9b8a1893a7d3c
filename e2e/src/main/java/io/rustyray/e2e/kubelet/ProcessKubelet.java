package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process kubelet: a kubelet and a scheduler for a machine without a container engine. It
 * registers its Nodes and keeps their Ready condition fresh ({@link NodeRegistration}), binds
 * pending pods to a node where their requests fit ({@link PodScheduler}), and runs the pods bound
 * to its nodes through {@link PodWorker}s. One sync loop (woken by informer events, and at least
 * every second) does the scheduling, starts and stops workers, and hands each worker its hosts
 * file.
 */
public final class ProcessKubelet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessKubelet.class);

  /** The node IP every node reports (its kubelet endpoint listens there). */
  static final String HOST_IP = "127.0.0.1";

  private final KubeletConfig config;
  private final KubernetesClient client;
  private final IpAllocator ips;
  private final NodeRegistration nodes;
  private final PodScheduler scheduler;
  private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final Semaphore wake = new Semaphore(0);
  private final String machineHostname;
  private final EnvResolver.Sources sources;
  private final PodEvents events;
  private SharedIndexInformer<Pod> podInformer;
  private SharedIndexInformer<Service> serviceInformer;
  private Thread loop;
  private volatile boolean running;
  private boolean ipsReserved;
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
    this.sources = new ApiSecretsAndConfigMaps(client);
    this.events = new PodEvents(client);
    this.nodes = new NodeRegistration(config, client);
    this.scheduler = new PodScheduler(nodes, client, events);
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
    ProcessGroups.killOrphans(config.workDir().resolve("pods"));
    if (config.kubeletPort() > 0) {
      logServer = new LogServer(this, config.kubeletPort(), config.workDir());
      logServer.start();
    }
    nodes.heartbeat();
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
    nodes.heartbeatIfDue();
    List<Pod> pods = podInformer.getStore().list();
    if (!ipsReserved) {
      // After a kubelet restart: pods that already had an IP keep it, and no new pod takes it.
      for (Pod p : pods) {
        String node = p.getSpec().getNodeName();
        String ip = p.getStatus() == null ? null : p.getStatus().getPodIP();
        if (node != null && nodes.contains(node) && ip != null && !terminal(p)) {
          ips.assign(p.getMetadata().getUid(), ip);
        }
      }
      ipsReserved = true;
    }
    scheduler.schedule(pods);
    Map<String, Pod> byUid = new HashMap<>();
    for (Pod p : pods) {
      byUid.put(p.getMetadata().getUid(), p);
      String node = p.getSpec().getNodeName();
      if (node == null || !nodes.contains(node)) {
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
    scheduler.retainOnly(byUid.keySet());
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
    nodes.markNotReady();
    LOG.info("process kubelet stopped");
  }
}

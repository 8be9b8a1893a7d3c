package io.rustyray.operator.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.PodOverrides;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.WorkerGroupSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the pods of a RustyCluster from its spec: a pure function of the spec, the default image
 * and the pod's name. Each pod carries a hash of everything but its name, so that a pod built from
 * an older spec is recognised and replaced.
 */
public final class ClusterPods {
  public static final String CONTAINER = "rustyray";
  public static final int WORKER_PORT = 6380;
  private static final Set<String> RESERVED_ENV =
      Set.of("RUSTYRAY_TOKEN", "POD_IP", "POD_NAME", HeadGcsStore.PASSWORD_ENV);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String defaultImage;
  private final int headPort;

  /**
   * @param defaultImage the runtime image for clusters that name none
   * @param headPort the head's GCS port
   */
  public ClusterPods(String defaultImage, int headPort) {
    this.defaultImage = defaultImage;
    this.headPort = headPort;
  }

  /**
   * @param cluster the cluster
   * @param name the pod's name
   * @return the head pod
   */
  public Pod headPod(RustyCluster cluster, String name) {
    var head = cluster.getSpec().getHead();
    List<String> args = new ArrayList<>(List.of("start", "--head", "--port", "" + headPort));
    args.addAll(nodeArgs(resourcesJson(head.getResources(), head.getCustomResources())));
    var store = new HeadGcsStore(head.getGcsStore(), cluster.getMetadata().getName());
    args.addAll(store.args());
    if (!head.isRunsWork()) {
      args.add("--no-node-agent");
    } else if (head.getObjectStoreMemory() != null) {
      args.add("--object-store-memory");
      args.add(
          Quantity.getAmountInBytes(new Quantity(head.getObjectStoreMemory()))
              .toBigInteger()
              .toString());
    }
    return pod(
        cluster,
        name,
        Names.NODE_TYPE_HEAD,
        null,
        args,
        headPort,
        head.getResources(),
        head.getTemplate(),
        store);
  }

  /**
   * @param cluster the cluster
   * @param group the worker group
   * @param name the pod's name
   * @return a worker pod of that group
   */
  public Pod workerPod(RustyCluster cluster, WorkerGroupSpec group, String name) {
    String ns = cluster.getMetadata().getNamespace();
    String headAddress =
        Names.headService(cluster.getMetadata().getName()) + "." + ns + ".svc:" + headPort;
    List<String> args =
        new ArrayList<>(List.of("start", "--address", headAddress, "--port", "" + WORKER_PORT));
    args.addAll(nodeArgs(resourcesJson(group.getResources(), group.getCustomResources())));
    return pod(
        cluster,
        name,
        Names.NODE_TYPE_WORKER,
        group.getName(),
        args,
        WORKER_PORT,
        group.getResources(),
        group.getTemplate(),
        new HeadGcsStore(null, cluster.getMetadata().getName()));
  }

  private static List<String> nodeArgs(String resourcesJson) {
    return List.of(
        "--node-ip", "$(POD_IP)", "--node-id", "$(POD_NAME)", "--resources", resourcesJson);
  }

  /**
   * The logical resources a node advertises: cpu from the CPU request (else limit, else 1), memory
   * in bytes from the memory request or limit, and the custom ones.
   *
   * @param resources the container's resources (may be null)
   * @param custom custom logical resources (may be null)
   * @return the JSON object given to {@code --resources}
   */
  static String resourcesJson(ResourceRequirements resources, Map<String, Double> custom) {
    ObjectNode json = JSON.createObjectNode();
    Quantity cpu = quantity(resources, "cpu");
    json.put("cpu", cpu == null ? 1.0 : Quantity.getAmountInBytes(cpu).doubleValue());
    Quantity memory = quantity(resources, "memory");
    if (memory != null) {
      json.put("memory", Quantity.getAmountInBytes(memory).toBigInteger());
    }
    if (custom != null) {
      custom.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> json.put(e.getKey(), e.getValue()));
    }
    return json.toString();
  }

  private static Quantity quantity(ResourceRequirements resources, String name) {
    if (resources == null) {
      return null;
    }
    if (resources.getRequests() != null && resources.getRequests().get(name) != null) {
      return resources.getRequests().get(name);
    }
    if (resources.getLimits() != null) {
      return resources.getLimits().get(name);
    }
    return null;
  }

  private Pod pod(
      RustyCluster cluster,
      String name,
      String nodeType,
      String group,
      List<String> args,
      int port,
      ResourceRequirements resources,
      PodOverrides overrides,
      HeadGcsStore store) {
    PodOverrides o = overrides == null ? new PodOverrides() : overrides;
    String clusterName = cluster.getMetadata().getName();
    Map<String, String> labels = new LinkedHashMap<>();
    if (o.getLabels() != null) {
      labels.putAll(o.getLabels());
    }
    labels.put(Names.LABEL_MANAGED_BY, Names.MANAGED_BY);
    labels.put(Names.LABEL_CLUSTER, clusterName);
    labels.put(Names.LABEL_NODE_TYPE, nodeType);
    if (group != null) {
      labels.put(Names.LABEL_GROUP, group);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (o.getAnnotations() != null) {
      annotations.putAll(o.getAnnotations());
    }
    List<EnvVar> env = new ArrayList<>();
    if (authEnabled(cluster)) {
      env.add(
          new EnvVarBuilder()
              .withName("RUSTYRAY_TOKEN")
              .withNewValueFrom()
              .withNewSecretKeyRef(Names.TOKEN_KEY, Names.authSecret(clusterName), false)
              .endValueFrom()
              .build());
    }
    env.add(fieldEnv("POD_IP", "status.podIP"));
    env.add(fieldEnv("POD_NAME", "metadata.name"));
    env.addAll(store.env());
    if (o.getEnv() != null) {
      o.getEnv().stream().filter(e -> !RESERVED_ENV.contains(e.getName())).forEach(env::add);
    }
    var container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(image(cluster))
            .withArgs(args)
            .withEnv(env)
            .addNewPort()
            .withName(Names.NODE_TYPE_HEAD.equals(nodeType) ? "gcs" : "grpc")
            .withContainerPort(port)
            .withProtocol("TCP")
            .endPort()
            .withNewReadinessProbe()
            .withNewTcpSocket()
            .withPort(new IntOrString(port))
            .endTcpSocket()
            .withPeriodSeconds(2)
            .endReadinessProbe()
            .withResources(resources)
            .build();
    if (!store.mounts().isEmpty()) {
      // Only then: an empty list would still change the hash of every existing pod.
      container.setVolumeMounts(store.mounts());
    }
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(cluster.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            // A pod whose runtime exits is replaced by a new pod (a new node), not restarted
            // in place under the same node id.
            .withRestartPolicy("Never")
            .withServiceAccountName(o.getServiceAccountName())
            .withNodeSelector(o.getNodeSelector())
            .withTolerations(o.getTolerations())
            .withContainers(container)
            .endSpec()
            .build();
    if (!store.volumes().isEmpty()) {
      pod.getSpec().setVolumes(store.volumes());
    }
    pod.getMetadata().getAnnotations().put(Names.ANNOTATION_TEMPLATE_HASH, templateHash(pod));
    return pod;
  }

  private static EnvVar fieldEnv(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath(path)
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  /**
   * @param cluster the cluster
   * @return the image its pods run
   */
  public String image(RustyCluster cluster) {
    String image = cluster.getSpec().getImage();
    return image == null || image.isBlank() ? defaultImage : image;
  }

  static boolean authEnabled(RustyCluster cluster) {
    return cluster.getSpec().getAuth() == null
        || !Boolean.FALSE.equals(cluster.getSpec().getAuth().getEnabled());
  }

  /**
   * @param cluster the cluster
   * @return the template hash its head pod carries for the current spec
   */
  public String headTemplateHash(RustyCluster cluster) {
    // The hash leaves the name out, so any name gives the one every head pod of this spec has.
    return hashOf(headPod(cluster, Names.headPodPrefix(cluster.getMetadata().getName())));
  }

  /**
   * @param cluster the cluster
   * @param group one of its worker groups
   * @return the template hash the group's pods carry for the current spec
   */
  public String workerTemplateHash(RustyCluster cluster, WorkerGroupSpec group) {
    return hashOf(
        workerPod(cluster, group, cluster.getMetadata().getName() + "-" + group.getName()));
  }

  /**
   * @param pod a pod built here
   * @return a hash of its labels, annotations and spec, its name left out
   */
  static String templateHash(Pod pod) {
    Pod copy =
        new PodBuilder(pod)
            .editMetadata()
            .withName(null)
            .removeFromAnnotations(Names.ANNOTATION_TEMPLATE_HASH)
            .endMetadata()
            .build();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Serialization.asJson(copy).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param pod any pod
   * @return its template hash annotation, or null
   */
  public static String hashOf(Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(Names.ANNOTATION_TEMPLATE_HASH);
  }
}

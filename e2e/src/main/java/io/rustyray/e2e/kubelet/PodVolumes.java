package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Materialises a pod's volumes in its folder ({@code <pod dir>/volumes/<name>/}): Secret and
 * ConfigMap volumes get one file per key (or per listed item), downwardAPI volumes one file per
 * field, emptyDir an empty folder, hostPath the host path itself, a persistentVolumeClaim the
 * folder of the PersistentVolume it is bound to (hostPath or local). Containers see them at their
 * own mount paths only through {@link ProcessSpec}'s path rewriting (no mount namespaces here).
 */
public final class PodVolumes {
  private PodVolumes() {}

  /**
   * @param pod the pod
   * @param volumesDir where to write
   * @param podIp the pod's IP (for downwardAPI)
   * @param hostIp the node's IP
   * @param sources Secrets and ConfigMaps
   * @return each volume's local path, by volume name
   * @throws EnvResolver.ConfigException when a non-optional source is missing
   * @throws IOException when writing fails
   */
  public static Map<String, Path> write(
      Pod pod, Path volumesDir, String podIp, String hostIp, EnvResolver.Sources sources)
      throws EnvResolver.ConfigException, IOException {
    Map<String, Path> out = new LinkedHashMap<>();
    List<Volume> volumes = pod.getSpec().getVolumes();
    if (volumes == null) {
      return out;
    }
    String ns = pod.getMetadata().getNamespace();
    for (Volume v : volumes) {
      Path dir = volumesDir.resolve(v.getName());
      if (v.getHostPath() != null) {
        out.put(v.getName(), Path.of(v.getHostPath().getPath()));
        continue;
      }
      if (v.getPersistentVolumeClaim() != null) {
        String claim = v.getPersistentVolumeClaim().getClaimName();
        // A real scheduler would not place the pod before its claim is bound; here the
        // container waits, retried, as for a missing Secret.
        Path bound =
            sources
                .claimedVolume(ns, claim)
                .orElseThrow(
                    () ->
                        new EnvResolver.ConfigException(
                            "persistentvolumeclaim \""
                                + claim
                                + "\" is not bound (volume "
                                + v.getName()
                                + ")"));
        Files.createDirectories(bound);
        out.put(v.getName(), bound);
        continue;
      }
      Files.createDirectories(dir);
      out.put(v.getName(), dir);
      if (v.getSecret() != null) {
        var s = v.getSecret();
        Optional<Map<String, String>> data = sources.secret(ns, s.getSecretName());
        if (data.isEmpty() && !Boolean.TRUE.equals(s.getOptional())) {
          throw new EnvResolver.ConfigException(
              "secret \"" + s.getSecretName() + "\" not found (volume " + v.getName() + ")");
        }
        writeData(dir, data.orElse(Map.of()), s.getItems());
      } else if (v.getConfigMap() != null) {
        var c = v.getConfigMap();
        Optional<Map<String, String>> data = sources.configMap(ns, c.getName());
        if (data.isEmpty() && !Boolean.TRUE.equals(c.getOptional())) {
          throw new EnvResolver.ConfigException(
              "configmap \"" + c.getName() + "\" not found (volume " + v.getName() + ")");
        }
        writeData(dir, data.orElse(Map.of()), c.getItems());
      } else if (v.getDownwardAPI() != null && v.getDownwardAPI().getItems() != null) {
        for (var item : v.getDownwardAPI().getItems()) {
          if (item.getFieldRef() != null) {
            write(
                dir.resolve(item.getPath()),
                EnvResolver.field(pod, item.getFieldRef().getFieldPath(), podIp, hostIp));
          }
        }
      }
      // emptyDir and anything else: an empty folder.
    }
    return out;
  }

  private static void writeData(Path dir, Map<String, String> data, List<KeyToPath> items)
      throws IOException {
    if (items == null || items.isEmpty()) {
      for (Map.Entry<String, String> e : data.entrySet()) {
        write(dir.resolve(e.getKey()), e.getValue());
      }
      return;
    }
    for (KeyToPath item : items) {
      String value = data.get(item.getKey());
      if (value != null) {
        write(dir.resolve(item.getPath()), value);
      }
    }
  }

  private static void write(Path file, String value) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, value, StandardCharsets.UTF_8);
  }

  /**
   * @param container a container
   * @param volumes the pod's volumes' local paths
   * @return the container's mount paths mapped to local paths (subPath applied)
   */
  public static Map<String, Path> mounts(Container container, Map<String, Path> volumes) {
    Map<String, Path> out = new LinkedHashMap<>();
    if (container.getVolumeMounts() == null) {
      return out;
    }
    for (VolumeMount m : container.getVolumeMounts()) {
      Path local = volumes.get(m.getName());
      if (local == null) {
        continue;
      }
      if (m.getSubPath() != null && !m.getSubPath().isEmpty()) {
        local = local.resolve(m.getSubPath());
      }
      out.put(m.getMountPath(), local);
    }
    return out;
  }
}

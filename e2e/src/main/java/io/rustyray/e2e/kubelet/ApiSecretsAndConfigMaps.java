package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets, ConfigMaps and the PersistentVolumes of claims, read from the API server when a
 * container starts (not from an informer: the kubelet reads them rarely, and a pod that waits for a
 * missing one sees it at the next try).
 */
final class ApiSecretsAndConfigMaps implements EnvResolver.Sources {
  private final KubernetesClient client;

  ApiSecretsAndConfigMaps(KubernetesClient client) {
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

  @Override
  public Optional<Path> claimedVolume(String namespace, String claim) {
    PersistentVolumeClaim pvc =
        client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
    if (pvc == null
        || pvc.getStatus() == null
        || !"Bound".equals(pvc.getStatus().getPhase())
        || pvc.getSpec().getVolumeName() == null) {
      return Optional.empty();
    }
    PersistentVolume pv = client.persistentVolumes().withName(pvc.getSpec().getVolumeName()).get();
    if (pv == null) {
      return Optional.empty();
    }
    if (pv.getSpec().getHostPath() != null) {
      return Optional.of(Path.of(pv.getSpec().getHostPath().getPath()));
    }
    if (pv.getSpec().getLocal() != null) {
      return Optional.of(Path.of(pv.getSpec().getLocal().getPath()));
    }
    return Optional.empty();
  }
}

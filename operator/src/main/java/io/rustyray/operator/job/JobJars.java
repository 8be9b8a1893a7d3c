package io.rustyray.operator.job;

import com.google.protobuf.ByteString;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.protocol.proto.JobJar;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The jars a job is sent with: the ConfigMap named by spec.jarsFrom. */
final class JobJars {
  /**
   * @param jars the jars, sorted by name
   * @param missing why there are none although spec.jarsFrom is set
   */
  record Lookup(List<JobJar> jars, Optional<String> missing) {}

  private JobJars() {}

  /**
   * @return the ConfigMap's binaryData entries ending in .jar, sorted by name; none without
   *     spec.jarsFrom; missing when the ConfigMap does not exist
   */
  static Lookup read(KubernetesClient client, RustyJob job) {
    String name = job.getSpec().getJarsFrom();
    if (name == null) {
      return new Lookup(List.of(), Optional.empty());
    }
    ConfigMap configMap =
        client.configMaps().inNamespace(job.getMetadata().getNamespace()).withName(name).get();
    if (configMap == null) {
      return new Lookup(
          List.of(), Optional.of("ConfigMap " + name + " (spec.jarsFrom) does not exist"));
    }
    Map<String, String> data =
        configMap.getBinaryData() == null ? Map.of() : configMap.getBinaryData();
    return new Lookup(
        new TreeMap<>(data)
            .entrySet().stream()
                .filter(e -> e.getKey().endsWith(".jar"))
                .map(
                    e ->
                        JobJar.newBuilder()
                            .setName(e.getKey())
                            .setContent(
                                ByteString.copyFrom(Base64.getDecoder().decode(e.getValue())))
                            .build())
                .toList(),
        Optional.empty());
  }
}

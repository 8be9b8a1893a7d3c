package io.rustyray.e2e.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One path of an Argo CD {@code ignoreDifferences} rule, in the jq subset those rules use here
 * ({@code .spec.a.b}, {@code .spec.list[].field}).
 *
 * @param kind the kind the rule applies to
 * @param path the jq path expression
 */
record IgnoredPath(String kind, String path) {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /**
   * @param rules ignored paths
   * @param manifests the manifests Git holds
   * @return "Kind name path" for every rule whose path a manifest of its kind sets
   */
  static List<String> setBy(List<IgnoredPath> rules, List<HasMetadata> manifests) {
    List<String> hidden = new ArrayList<>();
    for (IgnoredPath rule : rules) {
      for (HasMetadata manifest : manifests) {
        if (rule.kind().equals(manifest.getKind()) && rule.isSetIn(manifest)) {
          hidden.add(rule.kind() + " " + manifest.getMetadata().getName() + " " + rule.path());
        }
      }
    }
    return hidden;
  }

  /**
   * @param manifest a manifest
   * @return whether the path leads to a value in it
   */
  @SuppressWarnings("unchecked")
  boolean isSetIn(HasMetadata manifest) {
    Object root = JSON.convertValue(manifest, Map.class);
    List<Object> here = List.of(root);
    for (String step : path.substring(1).split("\\.")) {
      boolean each = step.endsWith("[]");
      String key = each ? step.substring(0, step.length() - 2) : step;
      List<Object> next = new ArrayList<>();
      for (Object node : here) {
        Object value = node instanceof Map<?, ?> map ? map.get(key) : null;
        if (value == null) {
          continue;
        }
        if (each && value instanceof List<?> list) {
          next.addAll(list);
        } else if (!each) {
          next.add(value);
        }
      }
      here = next;
    }
    return !here.isEmpty();
  }
}

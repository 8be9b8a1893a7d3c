package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes a container's environment the way the kubelet does: {@code envFrom} first, then {@code
 * env} in order, each value expanded against the variables defined before it ({@code $(VAR)}, with
 * {@code $$} for a literal {@code $}); {@code valueFrom} reads the downward API (metadata.name,
 * metadata.namespace, metadata.uid, metadata.labels['k'], metadata.annotations['k'], spec.nodeName,
 * spec.serviceAccountName, status.podIP, status.podIPs, status.hostIP), resource fields, and keys
 * of Secrets and ConfigMaps.
 */
public final class EnvResolver {
  private static final Pattern FIELD_KEY =
      Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

  /** Where Secrets and ConfigMaps are read from: their decoded data, or empty when missing. */
  public interface Sources {
    /**
     * @param namespace namespace
     * @param name Secret name
     * @return its data, base64-decoded, or empty when the Secret does not exist
     */
    Optional<Map<String, String>> secret(String namespace, String name);

    /**
     * @param namespace namespace
     * @param name ConfigMap name
     * @return its data, or empty when the ConfigMap does not exist
     */
    Optional<Map<String, String>> configMap(String namespace, String name);

    /**
     * @param namespace namespace
     * @param claim PersistentVolumeClaim name
     * @return the local folder of the PersistentVolume the claim is bound to (hostPath or local),
     *     or empty while the claim is missing or unbound
     */
    default Optional<java.nio.file.Path> claimedVolume(String namespace, String claim) {
      return Optional.empty();
    }
  }

  /**
   * A container cannot be configured yet (the kubelet's CreateContainerConfigError), such as a
   * missing Secret.
   */
  public static final class ConfigException extends Exception {
    /**
     * @param message what is missing
     */
    public ConfigException(String message) {
      super(message);
    }
  }

  private EnvResolver() {}

  /**
   * @param pod the pod
   * @param container one of its containers
   * @param podIp the pod's IP
   * @param hostIp the node's IP
   * @param sources where Secrets and ConfigMaps come from
   * @return the container's environment, in definition order
   * @throws ConfigException when a non-optional Secret, ConfigMap or key is missing
   */
  public static Map<String, String> resolve(
      Pod pod, Container container, String podIp, String hostIp, Sources sources)
      throws ConfigException {
    String ns = pod.getMetadata().getNamespace();
    Map<String, String> env = new LinkedHashMap<>();
    if (container.getEnvFrom() != null) {
      for (EnvFromSource from : container.getEnvFrom()) {
        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
        Optional<Map<String, String>> data;
        boolean optional;
        String what;
        if (from.getSecretRef() != null) {
          what = "secret \"" + from.getSecretRef().getName() + "\"";
          optional = Boolean.TRUE.equals(from.getSecretRef().getOptional());
          data = sources.secret(ns, from.getSecretRef().getName());
        } else if (from.getConfigMapRef() != null) {
          what = "configmap \"" + from.getConfigMapRef().getName() + "\"";
          optional = Boolean.TRUE.equals(from.getConfigMapRef().getOptional());
          data = sources.configMap(ns, from.getConfigMapRef().getName());
        } else {
          continue;
        }
        if (data.isEmpty()) {
          if (optional) {
            continue;
          }
          throw new ConfigException(what + " not found");
        }
        data.get().forEach((k, v) -> env.put(prefix + k, v));
      }
    }
    if (container.getEnv() != null) {
      for (EnvVar var : container.getEnv()) {
        String value;
        if (var.getValueFrom() != null) {
          value = valueFrom(pod, container, var.getValueFrom(), podIp, hostIp, sources);
          if (value == null) {
            continue; // an optional source that is missing: the variable is not set
          }
        } else {
          value = expand(var.getValue() == null ? "" : var.getValue(), env);
        }
        env.put(var.getName(), value);
      }
    }
    return env;
  }

  private static String valueFrom(
      Pod pod,
      Container container,
      EnvVarSource source,
      String podIp,
      String hostIp,
      Sources sources)
      throws ConfigException {
    String ns = pod.getMetadata().getNamespace();
    if (source.getFieldRef() != null) {
      return field(pod, source.getFieldRef().getFieldPath(), podIp, hostIp);
    }
    if (source.getResourceFieldRef() != null) {
      return resourceField(pod, container, source.getResourceFieldRef());
    }
    if (source.getSecretKeyRef() != null) {
      SecretKeySelector ref = source.getSecretKeyRef();
      return key(
          "secret",
          ref.getName(),
          ref.getKey(),
          Boolean.TRUE.equals(ref.getOptional()),
          sources.secret(ns, ref.getName()));
    }
    if (source.getConfigMapKeyRef() != null) {
      ConfigMapKeySelector ref = source.getConfigMapKeyRef();
      return key(
          "configmap",
          ref.getName(),
          ref.getKey(),
          Boolean.TRUE.equals(ref.getOptional()),
          sources.configMap(ns, ref.getName()));
    }
    throw new ConfigException("unsupported valueFrom " + source);
  }

  private static String key(
      String kind, String name, String key, boolean optional, Optional<Map<String, String>> data)
      throws ConfigException {
    if (data.isEmpty()) {
      if (optional) {
        return null;
      }
      throw new ConfigException(kind + " \"" + name + "\" not found");
    }
    String value = data.get().get(key);
    if (value == null && !optional) {
      throw new ConfigException("couldn't find key " + key + " in " + kind + " " + name);
    }
    return value;
  }

  /**
   * @param pod the pod
   * @param path a downward-API field path
   * @param podIp the pod's IP
   * @param hostIp the node's IP
   * @return the field's value
   * @throws ConfigException for a field path the kubelet does not support either
   */
  public static String field(Pod pod, String path, String podIp, String hostIp)
      throws ConfigException {
    var meta = pod.getMetadata();
    switch (path) {
      case "metadata.name":
        return meta.getName();
      case "metadata.namespace":
        return meta.getNamespace();
      case "metadata.uid":
        return meta.getUid();
      case "spec.nodeName":
        return pod.getSpec().getNodeName();
      case "spec.serviceAccountName":
        String sa = pod.getSpec().getServiceAccountName();
        return sa == null ? "default" : sa;
      case "status.podIP":
      case "status.podIPs":
        return podIp == null ? "" : podIp;
      case "status.hostIP":
      case "status.hostIPs":
        return hostIp == null ? "" : hostIp;
      default:
        Matcher m = FIELD_KEY.matcher(path);
        if (m.matches()) {
          Map<String, String> map =
              m.group(1).equals("labels") ? meta.getLabels() : meta.getAnnotations();
          String v = map == null ? null : map.get(m.group(2));
          return v == null ? "" : v;
        }
        throw new ConfigException("unsupported fieldRef " + path);
    }
  }

  private static String resourceField(Pod pod, Container own, ResourceFieldSelector ref)
      throws ConfigException {
    Container c = own;
    if (ref.getContainerName() != null && !ref.getContainerName().isEmpty()) {
      c =
          pod.getSpec().getContainers().stream()
              .filter(x -> x.getName().equals(ref.getContainerName()))
              .findFirst()
              .orElseThrow(() -> new ConfigException("no container " + ref.getContainerName()));
    }
    String[] parts = ref.getResource().split("\\.", 2);
    Map<String, Quantity> map =
        c.getResources() == null
            ? null
            : parts[0].equals("limits")
                ? c.getResources().getLimits()
                : c.getResources().getRequests();
    Quantity q = map == null ? null : map.get(parts[1]);
    if (q == null) {
      return parts[1].equals("cpu") && parts[0].equals("limits")
          ? "" + Runtime.getRuntime().availableProcessors()
          : "0";
    }
    BigDecimal amount = Quantity.getAmountInBytes(q);
    BigDecimal divisor =
        ref.getDivisor() == null ? BigDecimal.ONE : Quantity.getAmountInBytes(ref.getDivisor());
    return amount.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
  }

  /**
   * Expands {@code $(VAR)} references as Kubernetes does: a reference to a defined variable is
   * replaced, {@code $$} becomes {@code $}, and anything else is left as written.
   *
   * @param text the text (a value, a command or an arg)
   * @param env the variables defined so far
   * @return the expanded text
   */
  public static String expand(String text, Map<String, String> env) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == '$' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (next == '$') {
          out.append('$');
          i += 2;
          continue;
        }
        if (next == '(') {
          int close = text.indexOf(')', i + 2);
          if (close > 0) {
            String name = text.substring(i + 2, close);
            String value = env.get(name);
            if (value != null) {
              out.append(value);
            } else {
              out.append(text, i, close + 1);
            }
            i = close + 1;
            continue;
          }
        }
      }
      out.append(ch);
      i++;
    }
    return out.toString();
  }

  /**
   * @param texts a command or args list
   * @param env the container's environment
   * @return each element expanded
   */
  public static List<String> expandAll(List<String> texts, Map<String, String> env) {
    return texts == null ? List.of() : texts.stream().map(t -> expand(t, env)).toList();
  }
}

package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** What a user may add to the pods the operator builds for a head or a worker group. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PodOverrides {
  @JsonPropertyDescription("Labels added to the pods (the operator's rustyray.io/* labels win).")
  private Map<String, String> labels;

  @JsonPropertyDescription("Annotations added to the pods.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("Node selector of the pods.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Tolerations of the pods.")
  private List<Toleration> tolerations;

  @JsonPropertyDescription(
      "Environment variables added to the runtime container (RUSTYRAY_TOKEN, POD_IP and POD_NAME"
          + " are set by the operator and cannot be replaced).")
  private List<EnvVar> env;

  @JsonPropertyDescription("Service account the pods run as.")
  private String serviceAccountName;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }
}

package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/** A set of identical worker pods, one node agent each. */
@ValidationRule(
    value =
        "(has(self.minReplicas) ? self.minReplicas : 0) <= (has(self.replicas) ? self.replicas : 1)"
            + " && (has(self.replicas) ? self.replicas : 1) <= (has(self.maxReplicas) ?"
            + " self.maxReplicas : 100)",
    message = "minReplicas <= replicas <= maxReplicas must hold",
    reason = "FieldValueInvalid")
public class WorkerGroupSpec {
  @JsonPropertyDescription(
      "Name of the group, unique in the cluster; part of each worker pod's name"
          + " (<cluster>-<group>-<suffix>) and of its rustyray.io/group label. Immutable.")
  @Required
  @Pattern(Crds.DNS_LABEL)
  @Size(min = 1, max = 30)
  private String name;

  @JsonPropertyDescription("How many worker pods this group runs.")
  @Default("1")
  @Min(0)
  @Max(1000)
  private Integer replicas = 1;

  @JsonPropertyDescription("Lower bound for replicas.")
  @Default("0")
  @Min(0)
  @Max(1000)
  private Integer minReplicas = 0;

  @JsonPropertyDescription("Upper bound for replicas.")
  @Default("100")
  @Min(0)
  @Max(1000)
  private Integer maxReplicas = 100;

  @JsonPropertyDescription(
      "CPU and memory requests and limits of each worker container. The worker advertises its"
          + " CPU request (or 1) and memory request as logical resources.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Custom logical resources each worker advertises, such as gpu: 1 (names to amounts).")
  private Map<String, Double> customResources;

  @JsonPropertyDescription(
      "Names of this group's pods to remove on the next scale-down, so that a chosen pod goes"
          + " and the others stay. A listed pod is deleted only while the group has more pods"
          + " than replicas.")
  private List<String> workersToDelete;

  @JsonPropertyDescription("Labels, annotations, scheduling and environment added to the pods.")
  private PodOverrides template;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Map<String, Double> getCustomResources() {
    return customResources;
  }

  public void setCustomResources(Map<String, Double> customResources) {
    this.customResources = customResources;
  }

  public List<String> getWorkersToDelete() {
    return workersToDelete;
  }

  public void setWorkersToDelete(List<String> workersToDelete) {
    this.workersToDelete = workersToDelete;
  }

  public PodOverrides getTemplate() {
    return template;
  }

  public void setTemplate(PodOverrides template) {
    this.template = template;
  }
}

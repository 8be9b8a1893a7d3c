package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;

/** The head pod: GCS, scheduler, job manager and a node agent of its own. */
public class HeadSpec {
  @JsonPropertyDescription(
      "CPU and memory requests and limits of the head container. The head advertises its CPU"
          + " request (or 1) and memory request as logical resources to the scheduler.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Custom logical resources the head node advertises, such as gpu: 1. Keys are resource"
          + " names, values amounts.")
  private Map<String, Double> customResources;

  @JsonPropertyDescription(
      "Memory for the head's object store as a Kubernetes quantity (e.g. 512Mi); objects beyond"
          + " it spill to disk. Unset: the runtime's default.")
  @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$")
  private String objectStoreMemory;

  @JsonPropertyDescription("Labels, annotations, scheduling and environment added to the head pod.")
  private PodOverrides template;

  @JsonPropertyDescription(
      "Whether the head also runs tasks and actors (a node agent of its own, using resources,"
          + " customResources and objectStoreMemory above). Off by default: the head is the"
          + " cluster's control plane, and the work runs on the worker groups.")
  @Default("false")
  private boolean runsWork;

  @JsonPropertyDescription(
      "Make the head durable: its GCS keeps actors, names, KV and jobs in this store, and a"
          + " replaced head recovers them (actors keep running with their state). Unset: in"
          + " memory, and a replaced head starts empty (RustyActors are created again).")
  private GcsStoreSpec gcsStore;

  public GcsStoreSpec getGcsStore() {
    return gcsStore;
  }

  public void setGcsStore(GcsStoreSpec gcsStore) {
    this.gcsStore = gcsStore;
  }

  public boolean isRunsWork() {
    return runsWork;
  }

  public void setRunsWork(boolean runsWork) {
    this.runsWork = runsWork;
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

  public String getObjectStoreMemory() {
    return objectStoreMemory;
  }

  public void setObjectStoreMemory(String objectStoreMemory) {
    this.objectStoreMemory = objectStoreMemory;
  }

  public PodOverrides getTemplate() {
    return template;
  }

  public void setTemplate(PodOverrides template) {
    this.template = template;
  }
}

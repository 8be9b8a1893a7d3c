package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed of a RustyCluster. Written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RustyClusterStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Provisioning, Ready, Suspended or Failed; derived from the conditions (Ready=True is"
          + " Ready).")
  private ClusterState state;

  @JsonPropertyDescription("Worker pods wanted across all groups.")
  private Integer desiredWorkers;

  @JsonPropertyDescription("Worker pods running and ready across all groups.")
  private Integer readyWorkers;

  @JsonPropertyDescription("Per-group desired and ready worker pods.")
  private List<WorkerGroupStatus> workerGroups = new ArrayList<>();

  @JsonPropertyDescription("The head pod and Service.")
  private HeadStatus head;

  @JsonPropertyDescription(
      "Nodes (head included) the head's GCS reports alive; unset while the operator has no"
          + " connection to the head.")
  private Integer nodesAlive;

  @JsonPropertyDescription(
      "HeadReady, WorkersReady and Ready, in the Kubernetes condition shape; kubectl wait"
          + " --for=condition=Ready works.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public ClusterState getState() {
    return state;
  }

  public void setState(ClusterState state) {
    this.state = state;
  }

  public Integer getDesiredWorkers() {
    return desiredWorkers;
  }

  public void setDesiredWorkers(Integer desiredWorkers) {
    this.desiredWorkers = desiredWorkers;
  }

  public Integer getReadyWorkers() {
    return readyWorkers;
  }

  public void setReadyWorkers(Integer readyWorkers) {
    this.readyWorkers = readyWorkers;
  }

  public List<WorkerGroupStatus> getWorkerGroups() {
    return workerGroups;
  }

  public void setWorkerGroups(List<WorkerGroupStatus> workerGroups) {
    this.workerGroups = workerGroups;
  }

  public HeadStatus getHead() {
    return head;
  }

  public void setHead(HeadStatus head) {
    this.head = head;
  }

  public Integer getNodesAlive() {
    return nodesAlive;
  }

  public void setNodesAlive(Integer nodesAlive) {
    this.nodesAlive = nodesAlive;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}

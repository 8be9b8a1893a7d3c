package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** The actor as the cluster's GCS reports it. Written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RustyActorStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ray's actor state: PENDING_CREATION (also while the cluster is not ready), ALIVE,"
          + " RESTARTING, DEAD.")
  private ActorState state;

  @JsonPropertyDescription("Id of the actor in the cluster.")
  private String actorId;

  @JsonPropertyDescription("Node (pod name) the actor runs on.")
  private String node;

  @JsonPropertyDescription(
      "Process id, on its node, of the worker JVM that hosts the actor; only while the actor is"
          + " ALIVE.")
  private Long workerPid;

  @JsonPropertyDescription("How often the actor has been restarted.")
  private Integer restarts;

  @JsonPropertyDescription("Why the actor died, as the runtime says it.")
  private String deathCause;

  @JsonPropertyDescription("Why the actor is not placed yet, while it waits for a node that fits.")
  private String pendingReason;

  @JsonPropertyDescription(
      "Fingerprint of the spec the current actor was created from (className, args, resources,"
          + " maxRestarts, maxConcurrency, jvmOptions, sharedWorker, checkpoint); a different spec"
          + " re-creates the actor.")
  private String specHash;

  @JsonPropertyDescription(
      "Whether the cluster keeps the actor's state across restarts, as its head reports it:"
          + " \"every call\", \"every 30s\" (an interval), or \"no\".")
  private String durable;

  @JsonPropertyDescription(
      "The newest checkpoint the head keeps of a durable actor, once one was taken; it moves at"
          + " most every 10 s while nothing else in the status changes.")
  private CheckpointStatus lastCheckpoint;

  @JsonPropertyDescription(
      "How often an instance of a durable actor was built again from its checkpoint (after its"
          + " worker, node or head was lost); each one is announced by a Restored Event.")
  private Integer restores;

  @JsonPropertyDescription("Ready (the actor is ALIVE), in the Kubernetes condition shape.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public ActorState getState() {
    return state;
  }

  public void setState(ActorState state) {
    this.state = state;
  }

  public String getActorId() {
    return actorId;
  }

  public void setActorId(String actorId) {
    this.actorId = actorId;
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public Long getWorkerPid() {
    return workerPid;
  }

  public void setWorkerPid(Long workerPid) {
    this.workerPid = workerPid;
  }

  public Integer getRestarts() {
    return restarts;
  }

  public void setRestarts(Integer restarts) {
    this.restarts = restarts;
  }

  public String getDeathCause() {
    return deathCause;
  }

  public void setDeathCause(String deathCause) {
    this.deathCause = deathCause;
  }

  public String getPendingReason() {
    return pendingReason;
  }

  public void setPendingReason(String pendingReason) {
    this.pendingReason = pendingReason;
  }

  public String getSpecHash() {
    return specHash;
  }

  public void setSpecHash(String specHash) {
    this.specHash = specHash;
  }

  public String getDurable() {
    return durable;
  }

  public void setDurable(String durable) {
    this.durable = durable;
  }

  public CheckpointStatus getLastCheckpoint() {
    return lastCheckpoint;
  }

  public void setLastCheckpoint(CheckpointStatus lastCheckpoint) {
    this.lastCheckpoint = lastCheckpoint;
  }

  public Integer getRestores() {
    return restores;
  }

  public void setRestores(Integer restores) {
    this.restores = restores;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}

package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A named, detached actor the operator keeps alive on a RustyCluster. */
@ValidationRule(
    value =
        "!(has(self.sharedWorker) && self.sharedWorker"
            + " && has(self.jvmOptions) && size(self.jvmOptions) > 0)",
    message =
        "sharedWorker and jvmOptions cannot be combined: a shared worker process runs with its"
            + " job's options only")
@ValidationRule(
    value = RustyActorSpec.CHECKPOINT_KEPT,
    message = RustyActorSpec.CHECKPOINT_KEPT_MESSAGE)
public class RustyActorSpec {
  /**
   * CEL: a checkpoint policy, once set, stays. Another policy (or none) needs a new actor, which
   * starts without the state the old one kept: the user should see that at apply, not find it out.
   */
  static final String CHECKPOINT_KEPT =
      "!has(oldSelf.checkpoint) || (has(self.checkpoint) && self.checkpoint == oldSelf.checkpoint)";

  static final String CHECKPOINT_KEPT_MESSAGE =
      "checkpoint cannot be changed or removed once set: the actor would be created anew without"
          + " its kept state (delete the RustyActor and apply it again to start over)";

  @JsonPropertyDescription(
      "Name of the RustyCluster, in this namespace, that hosts the actor. Immutable.")
  @Required
  @Pattern(Crds.DNS_LABEL)
  @ValidationRule(value = "self == oldSelf", message = "clusterRef is immutable")
  private String clusterRef;

  @JsonPropertyDescription(
      "Fully qualified name of the actor class, which must be on the runtime's classpath. A"
          + " change re-creates the actor (its state is lost).")
  @Required
  @Pattern("^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$")
  private String className;

  @JsonPropertyDescription(
      "Arguments of the class's only public constructor, as JSON values read into the"
          + " parameter types. A change re-creates the actor.")
  @PreserveUnknownFields
  private List<JsonNode> args = new ArrayList<>();

  @JsonPropertyDescription(
      "Name of the actor in the cluster (clients find it with Rusty.getActor). Unset:"
          + " metadata.name. Immutable.")
  @Pattern("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
  @ValidationRule(value = "self == oldSelf", message = "actorName is immutable")
  private String actorName;

  @JsonPropertyDescription(
      "Logical resources the actor holds on its node, such as cpu: 1 or gpu: 1. A change"
          + " re-creates the actor.")
  private Map<String, Double> resources;

  @JsonPropertyDescription(
      "How often the cluster restarts the actor after its node or process fails; -1 without"
          + " limit.")
  @Default("0")
  @Min(-1)
  private Integer maxRestarts = 0;

  @JsonPropertyDescription("How many calls the actor runs at once (1: one at a time, in order).")
  @Default("1")
  @Min(1)
  private Integer maxConcurrency = 1;

  @JsonPropertyDescription(
      "Options of the JVM of the actor's own worker process, e.g. -Xmx256m or -Dkey=value. Each"
          + " starts with '-'; -cp, -classpath, --class-path, -jar, -m, --module, --module-path"
          + " and -p are refused (the runtime sets the worker's classpath and program). Not with"
          + " sharedWorker. A change re-creates the actor.")
  @Size(max = Crds.MAX_JVM_OPTIONS)
  @ValidationRule(
      value = Crds.JVM_OPTION_IS_AN_OPTION,
      message = Crds.JVM_OPTION_IS_AN_OPTION_MESSAGE)
  @ValidationRule(
      value = Crds.JVM_OPTION_KEEPS_THE_PROGRAM,
      message = Crds.JVM_OPTION_KEEPS_THE_PROGRAM_MESSAGE)
  private List<@Size(max = Crds.MAX_JVM_OPTION_LENGTH) String> jvmOptions = new ArrayList<>();

  @JsonPropertyDescription(
      "Run the actor in the one worker process its node shares among the shared actors of its"
          + " job (for RustyActors: the cluster's other RustyActors with sharedWorker), instead of"
          + " a process of its own: fewer JVMs, but when that process fails all its actors fail"
          + " with it. Not with jvmOptions. A change re-creates the actor.")
  @Default("false")
  private Boolean sharedWorker = false;

  @JsonPropertyDescription(
      "Make the actor durable: its class implements io.rustyray.api.Checkpointable, the cluster"
          + " keeps its newest state at the head (in the head's store with spec.head.gcsStore,"
          + " else in the head's memory, which outlives workers and nodes but not the head), and"
          + " a restarted instance is given it before any call. Give it restarts too (maxRestarts"
          + " -1 or > 0). Cannot be changed or removed once set; adding it re-creates the actor.")
  private CheckpointSpec checkpoint;

  public String getClusterRef() {
    return clusterRef;
  }

  public void setClusterRef(String clusterRef) {
    this.clusterRef = clusterRef;
  }

  public String getClassName() {
    return className;
  }

  public void setClassName(String className) {
    this.className = className;
  }

  public List<JsonNode> getArgs() {
    return args;
  }

  public void setArgs(List<JsonNode> args) {
    this.args = args;
  }

  public String getActorName() {
    return actorName;
  }

  public void setActorName(String actorName) {
    this.actorName = actorName;
  }

  public Map<String, Double> getResources() {
    return resources;
  }

  public void setResources(Map<String, Double> resources) {
    this.resources = resources;
  }

  public Integer getMaxRestarts() {
    return maxRestarts;
  }

  public void setMaxRestarts(Integer maxRestarts) {
    this.maxRestarts = maxRestarts;
  }

  public Integer getMaxConcurrency() {
    return maxConcurrency;
  }

  public void setMaxConcurrency(Integer maxConcurrency) {
    this.maxConcurrency = maxConcurrency;
  }

  public List<String> getJvmOptions() {
    return jvmOptions;
  }

  public void setJvmOptions(List<String> jvmOptions) {
    this.jvmOptions = jvmOptions;
  }

  public Boolean getSharedWorker() {
    return sharedWorker;
  }

  public void setSharedWorker(Boolean sharedWorker) {
    this.sharedWorker = sharedWorker;
  }

  public CheckpointSpec getCheckpoint() {
    return checkpoint;
  }

  public void setCheckpoint(CheckpointSpec checkpoint) {
    this.checkpoint = checkpoint;
  }
}

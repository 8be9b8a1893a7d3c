package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A driver program to run once (with retries) against a cluster. */
@ValidationRule(
    value = "has(self.clusterRef) != has(self.clusterSpec)",
    message = "exactly one of clusterRef and clusterSpec must be set")
@ValidationRule(
    value = "has(self.clusterRef) == has(oldSelf.clusterRef)",
    message = "a job cannot switch between clusterRef and clusterSpec")
public class RustyJobSpec {
  @JsonPropertyDescription(
      "Name of an existing RustyCluster in this namespace to run on. Exactly one of clusterRef"
          + " and clusterSpec. Immutable.")
  @Pattern(Crds.DNS_LABEL)
  @ValidationRule(value = "self == oldSelf", message = "clusterRef is immutable")
  private String clusterRef;

  @JsonPropertyDescription(
      "A cluster created for this job only (named <job>-cluster, owned by the job). Exactly one"
          + " of clusterRef and clusterSpec.")
  private RustyClusterSpec clusterSpec;

  @JsonPropertyDescription("The driver's main class and arguments. Immutable.")
  @Required
  @ValidationRule(value = "self == oldSelf", message = "entrypoint is immutable")
  private EntrypointSpec entrypoint;

  @JsonPropertyDescription(
      "Name of a ConfigMap in this namespace whose binaryData entries ending in .jar are sent"
          + " with the job and loaded in a class loader of its own (for drivers, tasks and actors"
          + " that are not on the runtime image). Unset: the image's classpath only.")
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  private String jarsFrom;

  @JsonPropertyDescription("Environment variables of the driver process.")
  private Map<String, String> env;

  @JsonPropertyDescription(
      "Options of the JVM of every worker process of the job (its task workers and its actors'"
          + " workers), e.g. -Xmx512m or -Dkey=value; not of the driver. Each starts with '-';"
          + " -cp, -classpath, --class-path, -jar, -m, --module, --module-path and -p are refused"
          + " (the runtime sets the worker's classpath and program). A change applies to the"
          + " attempts submitted after it.")
  @Size(max = Crds.MAX_JVM_OPTIONS)
  @ValidationRule(
      value = Crds.JVM_OPTION_IS_AN_OPTION,
      message = Crds.JVM_OPTION_IS_AN_OPTION_MESSAGE)
  @ValidationRule(
      value = Crds.JVM_OPTION_KEEPS_THE_PROGRAM,
      message = Crds.JVM_OPTION_KEEPS_THE_PROGRAM_MESSAGE)
  private List<@Size(max = Crds.MAX_JVM_OPTION_LENGTH) String> workerJvmOptions = new ArrayList<>();

  @JsonPropertyDescription("With clusterSpec: delete the job's cluster once the job has finished.")
  @Default("false")
  private Boolean shutdownAfterJobFinishes = false;

  @JsonPropertyDescription(
      "Delete this RustyJob this many seconds after it finished. Unset: keep it.")
  @Min(0)
  private Integer ttlSecondsAfterFinished;

  @JsonPropertyDescription(
      "Seconds the job may run, counted from its first submission; then it is stopped and"
          + " marked FAILED with reason DeadlineExceeded.")
  @Min(1)
  private Long activeDeadlineSeconds;

  @JsonPropertyDescription(
      "How many failed attempts are submitted again before the job is marked FAILED.")
  @Default("0")
  @Min(0)
  private Integer backoffLimit = 0;

  @JsonPropertyDescription(
      "Stop a running job (state STOPPED, reason Suspended) and submit nothing while true;"
          + " false submits a new attempt.")
  @Default("false")
  private Boolean suspend = false;

  public String getClusterRef() {
    return clusterRef;
  }

  public void setClusterRef(String clusterRef) {
    this.clusterRef = clusterRef;
  }

  public RustyClusterSpec getClusterSpec() {
    return clusterSpec;
  }

  public void setClusterSpec(RustyClusterSpec clusterSpec) {
    this.clusterSpec = clusterSpec;
  }

  public EntrypointSpec getEntrypoint() {
    return entrypoint;
  }

  public void setEntrypoint(EntrypointSpec entrypoint) {
    this.entrypoint = entrypoint;
  }

  public String getJarsFrom() {
    return jarsFrom;
  }

  public void setJarsFrom(String jarsFrom) {
    this.jarsFrom = jarsFrom;
  }

  public Map<String, String> getEnv() {
    return env;
  }

  public void setEnv(Map<String, String> env) {
    this.env = env;
  }

  public List<String> getWorkerJvmOptions() {
    return workerJvmOptions;
  }

  public void setWorkerJvmOptions(List<String> workerJvmOptions) {
    this.workerJvmOptions = workerJvmOptions;
  }

  public Boolean getShutdownAfterJobFinishes() {
    return shutdownAfterJobFinishes;
  }

  public void setShutdownAfterJobFinishes(Boolean shutdownAfterJobFinishes) {
    this.shutdownAfterJobFinishes = shutdownAfterJobFinishes;
  }

  public Integer getTtlSecondsAfterFinished() {
    return ttlSecondsAfterFinished;
  }

  public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) {
    this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
  }

  public Long getActiveDeadlineSeconds() {
    return activeDeadlineSeconds;
  }

  public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
    this.activeDeadlineSeconds = activeDeadlineSeconds;
  }

  public Integer getBackoffLimit() {
    return backoffLimit;
  }

  public void setBackoffLimit(Integer backoffLimit) {
    this.backoffLimit = backoffLimit;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }
}

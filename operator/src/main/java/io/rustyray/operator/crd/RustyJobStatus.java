package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** The job as the head's job manager reports it. Written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RustyJobStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("PENDING, RUNNING, SUCCEEDED, FAILED or STOPPED.")
  private JobState jobStatus;

  @JsonPropertyDescription("Id of the current attempt's job in the cluster.")
  private String jobId;

  @JsonPropertyDescription(
      "Submission id of the current attempt (<namespace>-<name>-<first 8 characters of the"
          + " uid>-<attempt>): new for a re-created resource, never reused for an attempt.")
  private String submissionId;

  @JsonPropertyDescription("Name of the RustyCluster the job runs on.")
  private String clusterName;

  @JsonPropertyDescription("Attempts submitted so far.")
  private Integer attempts;

  @JsonPropertyDescription("When the first attempt was submitted (RFC 3339).")
  private String submitTime;

  @JsonPropertyDescription("When the current attempt's driver started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the job finished (RFC 3339).")
  private String endTime;

  @JsonPropertyDescription("Why the job failed or stopped, or what it waits for.")
  private String message;

  @JsonPropertyDescription(
      "Ready (the job is running), Complete and Failed, in the Kubernetes condition shape.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public JobState getJobStatus() {
    return jobStatus;
  }

  public void setJobStatus(JobState jobStatus) {
    this.jobStatus = jobStatus;
  }

  public String getJobId() {
    return jobId;
  }

  public void setJobId(String jobId) {
    this.jobId = jobId;
  }

  public String getSubmissionId() {
    return submissionId;
  }

  public void setSubmissionId(String submissionId) {
    this.submissionId = submissionId;
  }

  public String getClusterName() {
    return clusterName;
  }

  public void setClusterName(String clusterName) {
    this.clusterName = clusterName;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public void setAttempts(Integer attempts) {
    this.attempts = attempts;
  }

  public String getSubmitTime() {
    return submitTime;
  }

  public void setSubmitTime(String submitTime) {
    this.submitTime = submitTime;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getEndTime() {
    return endTime;
  }

  public void setEndTime(String endTime) {
    this.endTime = endTime;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}

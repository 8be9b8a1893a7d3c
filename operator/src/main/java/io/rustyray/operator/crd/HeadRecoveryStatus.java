package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a head loaded from its GCS store when it started. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeadRecoveryStatus {
  @JsonPropertyDescription("Actors recovered from the store.")
  private Integer actors;

  @JsonPropertyDescription("Jobs recovered from the store.")
  private Integer jobs;

  @JsonPropertyDescription("KV entries recovered from the store.")
  private Integer kvEntries;

  @JsonPropertyDescription(
      "Recovered actors whose node did not come back in time: restarted elsewhere or ended.")
  private Integer actorsLostWithNodes;

  public HeadRecoveryStatus() {}

  public HeadRecoveryStatus(int actors, int jobs, int kvEntries, int actorsLostWithNodes) {
    this.actors = actors;
    this.jobs = jobs;
    this.kvEntries = kvEntries;
    this.actorsLostWithNodes = actorsLostWithNodes;
  }

  public Integer getActors() {
    return actors;
  }

  public void setActors(Integer actors) {
    this.actors = actors;
  }

  public Integer getJobs() {
    return jobs;
  }

  public void setJobs(Integer jobs) {
    this.jobs = jobs;
  }

  public Integer getKvEntries() {
    return kvEntries;
  }

  public void setKvEntries(Integer kvEntries) {
    this.kvEntries = kvEntries;
  }

  public Integer getActorsLostWithNodes() {
    return actorsLostWithNodes;
  }

  public void setActorsLostWithNodes(Integer actorsLostWithNodes) {
    this.actorsLostWithNodes = actorsLostWithNodes;
  }
}

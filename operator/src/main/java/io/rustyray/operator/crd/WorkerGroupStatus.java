package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Pod counts of one worker group. */
public class WorkerGroupStatus {
  @JsonPropertyDescription("Name of the group.")
  private String name;

  @JsonPropertyDescription("Worker pods the group should run now (0 while suspended).")
  private int desired;

  @JsonPropertyDescription("Worker pods of the group that are running and ready.")
  private int ready;

  public WorkerGroupStatus() {}

  public WorkerGroupStatus(String name, int desired, int ready) {
    this.name = name;
    this.desired = desired;
    this.ready = ready;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public int getDesired() {
    return desired;
  }

  public void setDesired(int desired) {
    this.desired = desired;
  }

  public int getReady() {
    return ready;
  }

  public void setReady(int ready) {
    this.ready = ready;
  }
}

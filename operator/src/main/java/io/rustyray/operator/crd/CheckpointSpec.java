package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** When a durable actor's state is taken and kept at the head. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = CheckpointSpec.EXACTLY_ONE, message = CheckpointSpec.EXACTLY_ONE_MESSAGE)
public class CheckpointSpec {
  static final String EXACTLY_ONE =
      "(has(self.everyCall) && self.everyCall) != has(self.intervalSeconds)";
  static final String EXACTLY_ONE_MESSAGE =
      "exactly one of everyCall: true and intervalSeconds must be set";

  @JsonPropertyDescription(
      "true: keep the state after every call, before the call's reply leaves the worker, so no"
          + " call whose reply a caller got is lost. Exactly one of everyCall: true and"
          + " intervalSeconds.")
  private Boolean everyCall;

  @JsonPropertyDescription(
      "Keep the state at most once per this many seconds, after calls changed it: the calls of"
          + " the last interval may be lost, for less cost per call. Exactly one of everyCall:"
          + " true and intervalSeconds.")
  @Min(1)
  private Integer intervalSeconds;

  public CheckpointSpec() {}

  /**
   * @return the policy that keeps the state after every call
   */
  public static CheckpointSpec everyCall() {
    CheckpointSpec spec = new CheckpointSpec();
    spec.setEveryCall(true);
    return spec;
  }

  /**
   * @param seconds the interval
   * @return the policy that keeps the state at most once per interval
   */
  public static CheckpointSpec everySeconds(int seconds) {
    CheckpointSpec spec = new CheckpointSpec();
    spec.setIntervalSeconds(seconds);
    return spec;
  }

  public Boolean getEveryCall() {
    return everyCall;
  }

  public void setEveryCall(Boolean everyCall) {
    this.everyCall = everyCall;
  }

  public Integer getIntervalSeconds() {
    return intervalSeconds;
  }

  public void setIntervalSeconds(Integer intervalSeconds) {
    this.intervalSeconds = intervalSeconds;
  }
}

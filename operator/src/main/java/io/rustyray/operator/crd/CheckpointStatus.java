package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The newest checkpoint of a durable actor that the head keeps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckpointStatus {
  @JsonPropertyDescription("When the actor's worker took it (RFC 3339).")
  private String time;

  @JsonPropertyDescription("How many calls the kept state includes, over every instance.")
  private Long calls;

  @JsonPropertyDescription("Size of the kept state in bytes, as the runtime encodes it.")
  private Long sizeBytes;

  public CheckpointStatus() {}

  public CheckpointStatus(String time, long calls, long sizeBytes) {
    this.time = time;
    this.calls = calls;
    this.sizeBytes = sizeBytes;
  }

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public Long getCalls() {
    return calls;
  }

  public void setCalls(Long calls) {
    this.calls = calls;
  }

  public Long getSizeBytes() {
    return sizeBytes;
  }

  public void setSizeBytes(Long sizeBytes) {
    this.sizeBytes = sizeBytes;
  }
}

package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the head runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeadStatus {
  @JsonPropertyDescription("Name of the current head pod.")
  private String podName;

  @JsonPropertyDescription("IP of the current head pod; the operator reaches the GCS there.")
  private String podIP;

  @JsonPropertyDescription("host:port of the head Service, for clients inside the cluster.")
  private String serviceAddress;

  public String getPodName() {
    return podName;
  }

  public void setPodName(String podName) {
    this.podName = podName;
  }

  public String getPodIP() {
    return podIP;
  }

  public void setPodIP(String podIP) {
    this.podIP = podIP;
  }

  public String getServiceAddress() {
    return serviceAddress;
  }

  public void setServiceAddress(String serviceAddress) {
    this.serviceAddress = serviceAddress;
  }
}

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

  @JsonPropertyDescription(
      "The head's incarnation on its GCS store: 1 for the first head on a store, one more for"
          + " every head started on it since. A higher number than before means a head came back"
          + " (Event HeadRecovered). Always 1 in memory.")
  private Long incarnation;

  @JsonPropertyDescription(
      "Id of the head process the operator follows; a new id with an in-memory store means the"
          + " head restarted empty (Event HeadRestartedWithoutStore).")
  private String headId;

  @JsonPropertyDescription(
      "Where the GCS keeps its tables, without secrets: memory, file:/var/lib/rustyray/gcs or"
          + " redis://host:port/db.")
  private String store;

  @JsonPropertyDescription("Whether the head's tables survive the head (a file or Redis store).")
  private Boolean durable;

  @JsonPropertyDescription(
      "Actors, jobs and KV entries the current head loaded from its store when it started (0 on"
          + " a fresh store).")
  private HeadRecoveryStatus recovered;

  @JsonPropertyDescription(
      "True while the head waits for the nodes of its recovered actors to register again.")
  private Boolean recovering;

  @JsonPropertyDescription(
      "False while the head cannot reach its store; it then refuses changes until the store is"
          + " back.")
  private Boolean storeReachable;

  public Long getIncarnation() {
    return incarnation;
  }

  public void setIncarnation(Long incarnation) {
    this.incarnation = incarnation;
  }

  public String getHeadId() {
    return headId;
  }

  public void setHeadId(String headId) {
    this.headId = headId;
  }

  public String getStore() {
    return store;
  }

  public void setStore(String store) {
    this.store = store;
  }

  public Boolean getDurable() {
    return durable;
  }

  public void setDurable(Boolean durable) {
    this.durable = durable;
  }

  public HeadRecoveryStatus getRecovered() {
    return recovered;
  }

  public void setRecovered(HeadRecoveryStatus recovered) {
    this.recovered = recovered;
  }

  public Boolean getRecovering() {
    return recovering;
  }

  public void setRecovering(Boolean recovering) {
    this.recovering = recovering;
  }

  public Boolean getStoreReachable() {
    return storeReachable;
  }

  public void setStoreReachable(Boolean storeReachable) {
    this.storeReachable = storeReachable;
  }
}

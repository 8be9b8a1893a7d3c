package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Redis server as the head's GCS store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedisStoreSpec {
  @JsonPropertyDescription(
      "host:port of the Redis server, e.g. redis.rustyray.svc:6379. The head reaches it"
          + " directly (no TLS).")
  @Required
  @Pattern("^[^\\s:/@]+:[0-9]{1,5}$")
  private String address;

  @JsonPropertyDescription(
      "Redis logical database the cluster's tables go into; give each cluster on one server"
          + " its own.")
  @Default("0")
  @Min(0)
  @Max(15)
  private Integer db = 0;

  @JsonPropertyDescription(
      "The Secret key holding the Redis password, handed to the head as the environment"
          + " variable RUSTYRAY_GCS_STORE_PASSWORD (never in its arguments). Unset: no"
          + " password.")
  private SecretKeyRef passwordSecretRef;

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public Integer getDb() {
    return db;
  }

  public void setDb(Integer db) {
    this.db = db;
  }

  public SecretKeyRef getPasswordSecretRef() {
    return passwordSecretRef;
  }

  public void setPasswordSecretRef(SecretKeyRef passwordSecretRef) {
    this.passwordSecretRef = passwordSecretRef;
  }
}

package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a durable head keeps its GCS tables, so that a replaced head recovers them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = GcsStoreSpec.EXACTLY_ONE, message = GcsStoreSpec.EXACTLY_ONE_MESSAGE)
public class GcsStoreSpec {
  static final String EXACTLY_ONE = "has(self.redis) != has(self.persistentVolumeClaim)";
  static final String EXACTLY_ONE_MESSAGE =
      "exactly one of redis and persistentVolumeClaim must be set";

  @JsonPropertyDescription(
      "Keep the tables in a Redis server the cluster does not manage (best with appendonly"
          + " yes). Exactly one of redis and persistentVolumeClaim.")
  private RedisStoreSpec redis;

  @JsonPropertyDescription(
      "Keep the tables on a volume: the operator creates the PersistentVolumeClaim"
          + " <cluster>-head-gcs (owned by the cluster, so it goes with it) and mounts it into"
          + " the head pod. Exactly one of redis and persistentVolumeClaim.")
  private PvcStoreSpec persistentVolumeClaim;

  public RedisStoreSpec getRedis() {
    return redis;
  }

  public void setRedis(RedisStoreSpec redis) {
    this.redis = redis;
  }

  public PvcStoreSpec getPersistentVolumeClaim() {
    return persistentVolumeClaim;
  }

  public void setPersistentVolumeClaim(PvcStoreSpec persistentVolumeClaim) {
    this.persistentVolumeClaim = persistentVolumeClaim;
  }
}

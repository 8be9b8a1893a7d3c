package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** A PersistentVolumeClaim the operator makes for the head's GCS store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PvcStoreSpec {
  /** The size a claim asks for when the spec names none. */
  public static final String DEFAULT_SIZE = "1Gi";

  @JsonPropertyDescription(
      "Storage the claim requests, as a Kubernetes quantity (e.g. 1Gi). The claim is"
          + " ReadWriteOnce: one head at a time.")
  @Default(DEFAULT_SIZE)
  @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$")
  private String size = DEFAULT_SIZE;

  @JsonPropertyDescription(
      "StorageClass of the claim. Unset: the namespace's default StorageClass, if any.")
  private String storageClassName;

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }
}

package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** Whether the cluster's gRPC endpoints require the cluster token. */
public class AuthSpec {
  @JsonPropertyDescription(
      "Require a bearer token on every call to the cluster (on by default). The operator"
          + " generates it once into the Secret <cluster>-auth (key token). Immutable.")
  @Default("true")
  @ValidationRule(value = "self == oldSelf", message = "auth.enabled is immutable")
  private Boolean enabled = true;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }
}

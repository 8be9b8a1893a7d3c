package io.rustyray.operator.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The operator's own settings ({@code rustyray.operator.*} in application.properties, or {@code
 * RUSTYRAY_OPERATOR_*} environment variables). Watched namespaces, leader election and the resync
 * period are Quarkus Operator SDK settings ({@code quarkus.operator-sdk.*}).
 */
@ConfigMapping(prefix = "rustyray.operator")
public interface OperatorConfig {
  /**
   * @return the runtime image set for clusters that do not name one, if any
   */
  Optional<String> image();

  /**
   * @return the runtime image for clusters that do not name one: the configured one, else the
   *     runtime image of this build ({@link Images#RUNTIME})
   */
  default String runtimeImage() {
    return image().orElse(Images.RUNTIME);
  }

  /**
   * @return the port the head serves its GCS on, in the pods and where the operator dials it
   */
  @WithDefault("6379")
  int headPort();

  /**
   * @return how often every resource is reconciled even without events (fed to each controller's
   *     {@code max-reconciliation-interval} in application.properties)
   */
  @WithDefault("10m")
  Duration resyncPeriod();

  /**
   * @return deadline of one call to a head
   */
  @WithDefault("10s")
  Duration headCallTimeout();
}

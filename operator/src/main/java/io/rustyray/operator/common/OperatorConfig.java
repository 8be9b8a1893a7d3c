package io.rustyray.operator.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The operator's own settings ({@code rustyray.operator.*} in application.properties, or {@code
 * RUSTYRAY_OPERATOR_*} environment variables). Watched namespaces, leader election and the resync
 * period are Quarkus Operator SDK settings ({@code quarkus.operator-sdk.*}).
 */
@ConfigMapping(prefix = "rustyray.operator")
public interface OperatorConfig {
  /** The runtime image used when a RustyCluster does not name one. The only place it is set. */
  String DEFAULT_IMAGE = "ghcr.io/rustyray/rustyray-runtime:0.1.0";

  /**
   * @return the runtime image for clusters that do not name one
   */
  @WithDefault(DEFAULT_IMAGE)
  String image();

  /**
   * @return the port the head serves its GCS on, in the pods and where the operator dials it
   */
  @WithDefault("6379")
  int headPort();

  /**
   * @return how often a running job's state is read from its head (the protocol pushes actor and
   *     node changes, not job changes)
   */
  @WithDefault("2s")
  Duration jobPollInterval();

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

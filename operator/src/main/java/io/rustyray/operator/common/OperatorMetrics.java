package io.rustyray.operator.common;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator's Prometheus metrics, per controller and kind but not per resource. The SDK's
 * default keeps timers for every resource too: with 1,000 RustyActors those held over 20 MiB of
 * histograms, and they give Prometheus a series per resource.
 */
public class OperatorMetrics {
  @Produces
  @Singleton
  Metrics metrics(MeterRegistry registry) {
    return MicrometerMetrics.withoutPerResourceMetrics(registry);
  }
}

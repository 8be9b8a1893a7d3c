package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Probe;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The prober of one pod's running containers: runs each container's readiness and liveness probes
 * when due ({@link Probes#attempt}) and counts the results against their thresholds, as the kubelet
 * does. Without a readiness probe a container is ready at once; startupProbe is ignored.
 */
final class ContainerHealth {
  private final String podIp;
  private final Path home;

  /**
   * @param podIp the pod's IP (tcpSocket and httpGet probes go there)
   * @param home the working folder exec probes run in
   */
  ContainerHealth(String podIp, Path home) {
    this.podIp = podIp;
    this.home = home;
  }

  /**
   * Probes what is due and updates {@code c.ready}.
   *
   * @param c a container whose process runs
   * @param now the time
   * @return whether its liveness probe has now failed failureThreshold times in a row, so that it
   *     must be killed
   */
  boolean probe(ContainerRun c, Instant now) {
    Probe rp = c.spec.getReadinessProbe();
    if (rp == null) {
      c.ready = true;
    } else if (!now.isBefore(c.nextReadiness)) {
      boolean ok = Probes.attempt(rp, c.spec, podIp, c.env, home, c.rewrite);
      if (ok) {
        c.readinessFailures = 0;
        c.readinessSuccesses++;
        if (c.readinessSuccesses >= Probes.orDefault(rp.getSuccessThreshold(), 1)) {
          c.ready = true;
        }
      } else {
        c.readinessSuccesses = 0;
        c.readinessFailures++;
        if (!c.ready || c.readinessFailures >= Probes.orDefault(rp.getFailureThreshold(), 3)) {
          c.ready = false;
        }
      }
      c.nextReadiness = now.plusSeconds(Math.max(1, Probes.orDefault(rp.getPeriodSeconds(), 10)));
    }
    Probe lp = c.spec.getLivenessProbe();
    if (lp != null && !now.isBefore(c.nextLiveness)) {
      boolean ok = Probes.attempt(lp, c.spec, podIp, c.env, home, c.rewrite);
      c.livenessFailures = ok ? 0 : c.livenessFailures + 1;
      c.nextLiveness = now.plusSeconds(Math.max(1, Probes.orDefault(lp.getPeriodSeconds(), 10)));
      return c.livenessFailures >= Probes.orDefault(lp.getFailureThreshold(), 3);
    }
    return false;
  }
}

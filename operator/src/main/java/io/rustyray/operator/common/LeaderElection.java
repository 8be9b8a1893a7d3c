package io.rustyray.operator.common;

import static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE;
import static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE;
import static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Leader election for running several operator replicas: only the holder of the Lease reconciles.
 * Active in the profiles of {@code quarkus.operator-sdk.activate-leader-election-for-profiles}.
 *
 * <p>A replica that loses the Lease exits, so that it never reconciles beside the new leader; but
 * not when it gave the Lease up because it is stopping. The SDK's own exit-on-loss runs inside the
 * shutdown hook there, and {@code System.exit} inside a shutdown hook waits forever: SIGTERM then
 * hung the operator until it was killed.
 */
@Singleton
public class LeaderElection {
  public static final String LEASE_NAME = "rustyray-operator-leader";
  private static final Logger LOG = Logger.getLogger(LeaderElection.class);

  private final AtomicBoolean stopping = new AtomicBoolean();

  void onStop(@Observes @Priority(1) ShutdownEvent event) {
    stopping.set(true);
  }

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElectionConfiguration() {
    return new LeaderElectionConfiguration(
        LEASE_NAME,
        null,
        LEASE_DURATION_DEFAULT_VALUE,
        RENEW_DEADLINE_DEFAULT_VALUE,
        RETRY_PERIOD_DEFAULT_VALUE,
        null,
        new LeaderCallbacks(() -> {}, this::onLeaseLost, identity -> {}),
        false);
  }

  void onLeaseLost() {
    if (stopping.get()) {
      return;
    }
    LOG.error(
        "lost the leader Lease " + LEASE_NAME + "; exiting so that only the new leader works");
    // Not on this thread: it may be the one the shutdown would wait for.
    new Thread(() -> System.exit(1), "lease-lost-exit").start();
  }
}

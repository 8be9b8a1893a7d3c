package io.rustyray.operator.common;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Leader election for running several operator replicas: only the holder of the Lease reconciles.
 * Active in the profiles of {@code quarkus.operator-sdk.activate-leader-election-for-profiles}.
 */
public class LeaderElection {
  public static final String LEASE_NAME = "rustyray-operator-leader";

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElectionConfiguration() {
    return new LeaderElectionConfiguration(LEASE_NAME);
  }
}

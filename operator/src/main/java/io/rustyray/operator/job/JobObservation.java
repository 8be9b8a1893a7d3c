package io.rustyray.operator.job;

import io.rustyray.operator.head.HeadState;
import io.rustyray.protocol.proto.JobJar;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the reconciler saw of a job's world before deciding: everything {@link JobDecider} needs,
 * gathered in one place so that the decision itself is a pure function.
 *
 * @param now the time of the observation
 * @param clusterExists whether the job's RustyCluster exists
 * @param clusterReady whether it is Ready (new attempts are submitted only then)
 * @param head the cluster's head as its state stream reports it, once the head is reachable
 * @param jars the jars of spec.jarsFrom, when it is set and the ConfigMap exists
 * @param jarsMissing why the jars could not be read, when spec.jarsFrom names a missing ConfigMap
 */
public record JobObservation(
    Instant now,
    boolean clusterExists,
    boolean clusterReady,
    Optional<HeadState> head,
    List<JobJar> jars,
    Optional<String> jarsMissing) {

  /**
   * @return whether the head's picture is complete, so that a job missing from it is truly gone
   */
  public boolean headSynced() {
    return head.map(HeadState::synced).orElse(false);
  }
}

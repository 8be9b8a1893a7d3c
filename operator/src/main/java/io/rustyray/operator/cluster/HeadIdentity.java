package io.rustyray.operator.cluster;

import io.rustyray.operator.common.EventRecorder;
import io.rustyray.operator.crd.HeadRecoveryStatus;
import io.rustyray.operator.crd.HeadStatus;
import io.rustyray.protocol.proto.HeadInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * Which head process the cluster has, on which store, and what it recovered: written into the head
 * status, and compared between two statuses to tell that a head came back.
 */
final class HeadIdentity {
  private HeadIdentity() {}

  /** The Event that says a new head took over, and what it found. */
  record Announcement(EventRecorder.Type type, ClusterReason reason, String message) {}

  /**
   * Copies what the head says of itself into the head status; while the operator has no such report
   * (reconnecting, a head too old to tell), the previous status's values stay, so they do not flap
   * with the connection.
   *
   * @param status the head status being computed
   * @param info the current head's report, if any
   * @param previous the head status before, or null
   */
  static void describe(HeadStatus status, Optional<HeadInfo> info, HeadStatus previous) {
    if (info.isEmpty()) {
      if (previous != null) {
        status.setIncarnation(previous.getIncarnation());
        status.setHeadId(previous.getHeadId());
        status.setStore(previous.getStore());
        status.setDurable(previous.getDurable());
        status.setRecovered(previous.getRecovered());
        status.setRecovering(previous.getRecovering());
        status.setStoreReachable(previous.getStoreReachable());
      }
      return;
    }
    HeadInfo head = info.get();
    status.setIncarnation(head.getClusterIncarnation());
    status.setHeadId(head.getHeadId().isEmpty() ? null : head.getHeadId());
    status.setStore(head.getStore().isEmpty() ? null : head.getStore());
    status.setDurable(head.getDurable());
    status.setRecovered(
        new HeadRecoveryStatus(
            head.getRecoveredActors(),
            head.getRecoveredJobs(),
            head.getRecoveredKvEntries(),
            head.getActorsLostWithNodes()));
    status.setRecovering(head.getRecovering());
    status.setStoreReachable(head.getStoreReachable());
  }

  /**
   * @param before the head status the operator knew (null: none yet)
   * @param after the head status now
   * @return the Event to record when another head than before took over: HeadRecovered for a
   *     durable head of a higher incarnation, HeadRestartedWithoutStore for a new in-memory head
   */
  static Optional<Announcement> changed(HeadStatus before, HeadStatus after) {
    if (after == null || after.getHeadId() == null || after.getIncarnation() == null) {
      return Optional.empty();
    }
    boolean known = before != null && before.getHeadId() != null;
    if (known && Objects.equals(before.getHeadId(), after.getHeadId())) {
      return Optional.empty();
    }
    long previousIncarnation =
        known && before.getIncarnation() != null ? before.getIncarnation() : 0;
    if (Boolean.TRUE.equals(after.getDurable())) {
      // A first head on its store (incarnation 1) is a start, not a return; a head the operator
      // sees first at a higher incarnation came back while nobody watched.
      boolean returned =
          known ? after.getIncarnation() > previousIncarnation : after.getIncarnation() > 1;
      return returned
          ? Optional.of(
              new Announcement(
                  EventRecorder.Type.Normal, ClusterReason.HeadRecovered, recovered(after)))
          : Optional.empty();
    }
    // In memory every head is incarnation 1: only a head that replaced a known one is news.
    return known
        ? Optional.of(
            new Announcement(
                EventRecorder.Type.Warning,
                ClusterReason.HeadRestartedWithoutStore,
                "head restarted with an in-memory store: actors are re-created from their spec"))
        : Optional.empty();
  }

  private static String recovered(HeadStatus head) {
    HeadRecoveryStatus r =
        head.getRecovered() == null ? new HeadRecoveryStatus(0, 0, 0, 0) : head.getRecovered();
    String message =
        "head came back (incarnation "
            + head.getIncarnation()
            + ", store "
            + head.getStore()
            + "): recovered "
            + r.getActors()
            + " actors, "
            + r.getJobs()
            + " jobs, "
            + r.getKvEntries()
            + " KV entries";
    return r.getActorsLostWithNodes() != null && r.getActorsLostWithNodes() > 0
        ? message + "; " + r.getActorsLostWithNodes() + " actors lost with their nodes"
        : message;
  }
}

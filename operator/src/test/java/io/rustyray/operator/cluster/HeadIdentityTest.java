package io.rustyray.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.operator.common.EventRecorder;
import io.rustyray.operator.crd.HeadStatus;
import io.rustyray.protocol.proto.HeadInfo;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a head's report means that another head took over, and what the Event says. */
class HeadIdentityTest {
  private static HeadStatus seen(String headId, long incarnation, boolean durable) {
    var status = new HeadStatus();
    HeadIdentity.describe(
        status,
        Optional.of(
            HeadInfo.newBuilder()
                .setHeadId(headId)
                .setClusterIncarnation(incarnation)
                .setStore(durable ? "file:/var/lib/rustyray/gcs" : "memory")
                .setDurable(durable)
                .setRecoveredActors(4)
                .setRecoveredJobs(2)
                .setRecoveredKvEntries(7)
                .setStoreReachable(true)
                .build()),
        null);
    return status;
  }

  @Test
  void aDurableHeadOfAHigherIncarnationIsAnnouncedWithWhatItRecovered() {
    var event = HeadIdentity.changed(seen("a", 2, true), seen("b", 3, true)).orElseThrow();
    assertThat(event.type()).isEqualTo(EventRecorder.Type.Normal);
    assertThat(event.reason()).isEqualTo(ClusterReason.HeadRecovered);
    assertThat(event.message())
        .isEqualTo(
            "head came back (incarnation 3, store file:/var/lib/rustyray/gcs): recovered 4"
                + " actors, 2 jobs, 7 KV entries");
  }

  @Test
  void theFirstHeadOnAFreshStoreIsNoReturn() {
    assertThat(HeadIdentity.changed(null, seen("a", 1, true))).isEmpty();
  }

  @Test
  void aHeadFirstSeenAtAHigherIncarnationCameBackWhileNobodyWatched() {
    assertThat(HeadIdentity.changed(null, seen("a", 2, true)))
        .map(HeadIdentity.Announcement::reason)
        .contains(ClusterReason.HeadRecovered);
  }

  @Test
  void theSameHeadAgainIsNoNews() {
    assertThat(HeadIdentity.changed(seen("a", 2, true), seen("a", 2, true))).isEmpty();
  }

  @Test
  void aNewInMemoryHeadIsAWarningThatActorsStartAgain() {
    var event = HeadIdentity.changed(seen("a", 1, false), seen("b", 1, false)).orElseThrow();
    assertThat(event.type()).isEqualTo(EventRecorder.Type.Warning);
    assertThat(event.reason()).isEqualTo(ClusterReason.HeadRestartedWithoutStore);
    assertThat(event.message())
        .isEqualTo("head restarted with an in-memory store: actors are re-created from their spec");
  }

  @Test
  void withoutAReportTheStatusKeepsWhatTheLastHeadSaid() {
    var status = new HeadStatus();
    HeadIdentity.describe(status, Optional.empty(), seen("a", 2, true));
    assertThat(status.getHeadId()).isEqualTo("a");
    assertThat(status.getIncarnation()).isEqualTo(2);
    assertThat(status.getRecovered().getActors()).isEqualTo(4);
  }
}

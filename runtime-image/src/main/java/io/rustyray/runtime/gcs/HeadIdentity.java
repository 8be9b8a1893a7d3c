package io.rustyray.runtime.gcs;

import io.rustyray.protocol.proto.HeadInfo;
import io.rustyray.runtime.gcs.store.GcsStore;
import java.util.UUID;

/** Who this head is and what it recovered, as {@code GetHeadInfo} and the state stream tell. */
final class HeadIdentity {
  private HeadInfo info;

  HeadIdentity(GcsStore store) {
    this.info =
        HeadInfo.newBuilder()
            .setHeadId("head-" + UUID.randomUUID().toString().substring(0, 8))
            .setStore(store.describe())
            .setDurable(store.durable())
            .setStartedAtMs(System.currentTimeMillis())
            .setStoreReachable(true)
            .build();
  }

  HeadInfo info() {
    return info;
  }

  void recovered(long incarnation, int actors, int kvEntries) {
    info =
        info.toBuilder()
            .setClusterIncarnation(incarnation)
            .setRecoveredActors(actors)
            .setRecoveredKvEntries(kvEntries)
            .build();
  }

  void jobsRecovered(int jobs) {
    info = info.toBuilder().setRecoveredJobs(jobs).build();
  }

  void recovering(boolean recovering) {
    info = info.toBuilder().setRecovering(recovering).build();
  }

  void lostWithNodes(int actors) {
    info = info.toBuilder().setActorsLostWithNodes(actors).build();
  }

  void storeReachable(boolean reachable) {
    info = info.toBuilder().setStoreReachable(reachable).build();
  }
}

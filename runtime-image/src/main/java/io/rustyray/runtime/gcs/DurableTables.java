package io.rustyray.runtime.gcs;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.ActorCheckpoint;
import io.rustyray.protocol.proto.StoredActor;
import io.rustyray.runtime.gcs.store.GcsStore;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The GCS's tables as its store keeps them: actors, their checkpoints, KV and the cluster's
 * incarnation. What a caller is told was done has been written here first. A state change the head
 * makes on its own (an actor became ALIVE, a node died) that the store refused is kept and written
 * again once the store answers, so the store never stays behind for good; meanwhile the head
 * refuses writes that a caller would be told about.
 */
final class DurableTables {
  private static final Logger LOG = Logger.getLogger(DurableTables.class);
  static final String ACTORS = "actors";
  static final String KV = "kv";
  static final String META = "meta";
  static final String CHECKPOINTS = "checkpoints";
  static final String PLACEMENT_GROUPS = "placement-groups";
  private static final String INCARNATION = "cluster-incarnation";

  private final GcsStore store;

  /** Actor writes the store refused, newest last; null for a delete. Guarded by this. */
  private final Map<String, StoredActor> unwritten = new LinkedHashMap<>();

  private volatile boolean reachable = true;
  private volatile String lastFailure = "";

  DurableTables(GcsStore store) {
    this.store = store;
  }

  GcsStore store() {
    return store;
  }

  boolean reachable() {
    return reachable;
  }

  /** Refuses a write a caller would be told about while the store is away. */
  void checkWritable() throws StatusException {
    if (!reachable) {
      throw unavailable(lastFailure);
    }
  }

  private StatusException unavailable(String cause) {
    return Status.UNAVAILABLE
        .withDescription(
            "the head's store "
                + store.describe()
                + " cannot be written ("
                + cause
                + "); nothing was changed, try again when it is back")
        .asException();
  }

  /** A write a caller will be told about. */
  private interface Write {
    void run() throws StoreUnavailableException;
  }

  /** Makes {@code write} before the caller hears of it, or tells the caller it was not made. */
  private void writeOrFail(Write write) throws StatusException {
    checkWritable();
    try {
      write.run();
    } catch (StoreUnavailableException e) {
      lost(e);
      throw unavailable(e.getMessage());
    }
  }

  /** Writes an actor before the caller hears of it. */
  void putActorOrFail(StoredActor actor) throws StatusException {
    writeOrFail(() -> store.put(ACTORS, actor.getInfo().getActorId(), actor.toByteArray()));
  }

  /** Writes a change the head made by itself; a refused one is written again later. */
  synchronized void putActor(StoredActor actor) {
    String actorId = actor.getInfo().getActorId();
    if (!unwritten.isEmpty() || !reachable) {
      unwritten.remove(actorId);
      unwritten.put(actorId, actor);
      return;
    }
    try {
      store.put(ACTORS, actorId, actor.toByteArray());
    } catch (StoreUnavailableException e) {
      lost(e);
      unwritten.put(actorId, actor);
    }
  }

  synchronized void deleteActor(String actorId) {
    if (!unwritten.isEmpty() || !reachable) {
      unwritten.remove(actorId);
      unwritten.put(actorId, null);
      return;
    }
    try {
      store.delete(ACTORS, actorId);
    } catch (StoreUnavailableException e) {
      lost(e);
      unwritten.put(actorId, null);
    }
  }

  void putKv(String key, ByteString value) throws StatusException {
    writeOrFail(() -> store.put(KV, key, value.toByteArray()));
  }

  void deleteKv(String key) throws StatusException {
    writeOrFail(() -> store.delete(KV, key));
  }

  /** Keeps a durable actor's checkpoint before its worker hears that it is kept. */
  void putCheckpointOrFail(String actorId, ActorCheckpoint checkpoint) throws StatusException {
    writeOrFail(() -> store.put(CHECKPOINTS, actorId, checkpoint.toByteArray()));
  }

  /**
   * Forgets the checkpoint of an actor that ended. One the store refused to delete stays behind,
   * harmless: a new head drops the checkpoints of actors it does not know as live.
   */
  void deleteCheckpoint(String actorId) {
    try {
      store.delete(CHECKPOINTS, actorId);
    } catch (StoreUnavailableException e) {
      lost(e);
    }
  }

  Map<String, ActorCheckpoint> loadCheckpoints() throws StoreUnavailableException {
    Map<String, ActorCheckpoint> checkpoints = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> entry : store.load(CHECKPOINTS).entrySet()) {
      try {
        checkpoints.put(entry.getKey(), ActorCheckpoint.parseFrom(entry.getValue()));
      } catch (InvalidProtocolBufferException e) {
        LOG.warnf("skipping an unreadable checkpoint of actor %s in the store", entry.getKey());
      }
    }
    return checkpoints;
  }

  /**
   * Placement groups: keeps a group as it is now. A write the store refuses is not retried: a new
   * head then holds a group older by that change, and reserves again the bundles whose nodes do not
   * come back.
   */
  void putPlacementGroup(io.rustyray.protocol.proto.PlacementGroupInfo group) {
    try {
      store.put(PLACEMENT_GROUPS, group.getPlacementGroupId(), group.toByteArray());
    } catch (StoreUnavailableException e) {
      lost(e);
    }
  }

  void deletePlacementGroup(String placementGroupId) {
    try {
      store.delete(PLACEMENT_GROUPS, placementGroupId);
    } catch (StoreUnavailableException e) {
      lost(e);
    }
  }

  List<io.rustyray.protocol.proto.PlacementGroupInfo> loadPlacementGroups()
      throws StoreUnavailableException {
    List<io.rustyray.protocol.proto.PlacementGroupInfo> groups = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : store.load(PLACEMENT_GROUPS).entrySet()) {
      try {
        groups.add(io.rustyray.protocol.proto.PlacementGroupInfo.parseFrom(entry.getValue()));
      } catch (InvalidProtocolBufferException e) {
        LOG.warnf("skipping an unreadable placement group %s in the store", entry.getKey());
      }
    }
    return groups;
  }

  private void lost(StoreUnavailableException e) {
    if (reachable) {
      LOG.errorf("the store %s failed: %s; refusing writes until it is back", store.describe(), e);
    }
    lastFailure = e.getMessage();
    reachable = false;
  }

  /**
   * Called every second: once the store answers again, writes what it missed.
   *
   * @return true when reachability changed
   */
  synchronized boolean retry() {
    if (reachable && unwritten.isEmpty()) {
      return false;
    }
    if (!store.reachable()) {
      return false;
    }
    try {
      for (var it = unwritten.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        if (entry.getValue() == null) {
          store.delete(ACTORS, entry.getKey());
        } else {
          store.put(ACTORS, entry.getKey(), entry.getValue().toByteArray());
        }
        it.remove();
      }
    } catch (StoreUnavailableException e) {
      lastFailure = e.getMessage();
      return false;
    }
    boolean changed = !reachable;
    reachable = true;
    if (changed) {
      LOG.infof("the store %s is back; writes are accepted again", store.describe());
    }
    return changed;
  }

  /** Counts this head: one more than the last head on the same store. */
  long nextIncarnation() throws StoreUnavailableException {
    byte[] last = store.load(META).get(INCARNATION);
    long next = last == null ? 1 : Long.parseLong(new String(last, StandardCharsets.UTF_8)) + 1;
    store.put(META, INCARNATION, Long.toString(next).getBytes(StandardCharsets.UTF_8));
    return next;
  }

  List<StoredActor> loadActors() throws StoreUnavailableException {
    List<StoredActor> actors = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : store.load(ACTORS).entrySet()) {
      parse(entry.getValue())
          .ifPresentOrElse(
              actors::add,
              () ->
                  LOG.warnf("skipping an unreadable actor record %s in the store", entry.getKey()));
    }
    return actors;
  }

  Map<String, ByteString> loadKv() throws StoreUnavailableException {
    Map<String, ByteString> kv = new LinkedHashMap<>();
    store.load(KV).forEach((key, value) -> kv.put(key, ByteString.copyFrom(value)));
    return kv;
  }

  private static Optional<StoredActor> parse(byte[] bytes) {
    try {
      return Optional.of(StoredActor.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }
}

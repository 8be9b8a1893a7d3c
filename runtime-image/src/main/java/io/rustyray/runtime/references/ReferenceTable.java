package io.rustyray.runtime.references;

import io.rustyray.protocol.proto.HeldObject;
import io.rustyray.protocol.proto.ObjectReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The head's count of who holds shared objects and handles to unnamed actors (Ray's borrowers, kept
 * at the head because a driver serves no objects itself). A holder is a process (its caller id) or
 * the value of another object ({@code "<caller id>/in:<object id>"}). An object is freed once its
 * last holder releases it, and then releases what its own value held; an actor ends once its last
 * handle is released. Not thread-safe: the head calls it under one lock.
 */
public final class ReferenceTable {
  /** What the table decides, carried out by the head. */
  public interface Effects {
    /** No holder is left: free the object in the store that keeps it. */
    void freeObject(ObjectReference object);

    /** No process holds a handle to the actor any more. */
    void actorOutOfScope(String actorId);
  }

  private static final class SharedObject {
    final ObjectReference location;
    final String owner;
    final Set<String> holders = new HashSet<>();
    String containedHolder = "";

    SharedObject(ObjectReference location, String owner) {
      this.location = location;
      this.owner = owner;
    }
  }

  private final Effects effects;
  private final Map<String, SharedObject> objects = new HashMap<>();
  private final Map<String, Set<String>> actorHolders = new HashMap<>();

  public ReferenceTable(Effects effects) {
    this.effects = effects;
  }

  /**
   * @param holder the holder's id
   * @param held objects it now holds (an object the table did not know yet is added)
   * @param actorIds tracked actors it now holds a handle to (untracked ones are ignored: named,
   *     detached, or created before this head started)
   */
  public void hold(String holder, List<HeldObject> held, List<String> actorIds) {
    for (HeldObject object : held) {
      String id = object.getObject().getObjectId();
      SharedObject shared =
          objects.computeIfAbsent(
              id, k -> new SharedObject(object.getObject(), object.getOwnerId()));
      shared.holders.add(holder);
      if (!object.getContainedHolder().isEmpty()) {
        shared.containedHolder = object.getContainedHolder();
      }
    }
    for (String actorId : actorIds) {
      Set<String> holders = actorHolders.get(actorId);
      if (holders != null) {
        holders.add(holder);
      }
    }
  }

  /**
   * Starts counting the handles of an unnamed, non-detached actor.
   *
   * @param actorId the actor
   * @param creator the process holding the handle its creation returned
   */
  public void trackActor(String actorId, String creator) {
    actorHolders.computeIfAbsent(actorId, id -> new HashSet<>()).add(creator);
  }

  /** The actor ended for another reason: its handles no longer matter. */
  public void forgetActor(String actorId) {
    actorHolders.remove(actorId);
  }

  /**
   * @param holder the holder's id
   * @param objectIds objects it no longer holds
   * @param actorIds actors it no longer holds a handle to
   */
  public void release(String holder, List<String> objectIds, List<String> actorIds) {
    for (String id : objectIds) {
      releaseObject(id, holder);
    }
    for (String actorId : actorIds) {
      releaseActor(actorId, holder);
    }
  }

  /** Releases everything a holder holds (a value's references, once its result was dropped). */
  public void releaseAll(String holder) {
    releaseWhere(holder::equals);
  }

  /**
   * A client process is gone: what it and its objects' values held is released, and the objects it
   * owned are forgotten (the nodes free them with their owner, so its borrowers lose them, as in
   * Ray).
   */
  public void processExited(String callerId) {
    String inside = callerId + "/";
    List<String> owned = new ArrayList<>();
    objects.forEach(
        (id, object) -> {
          if (object.owner.equals(callerId)) {
            owned.add(id);
          }
        });
    for (String id : owned) {
      SharedObject gone = objects.remove(id);
      if (!gone.containedHolder.isEmpty()) {
        releaseAll(gone.containedHolder);
      }
    }
    releaseWhere(holder -> holder.equals(callerId) || holder.startsWith(inside));
  }

  private void releaseWhere(java.util.function.Predicate<String> matches) {
    for (Map.Entry<String, SharedObject> e : new ArrayList<>(objects.entrySet())) {
      for (String holder : List.copyOf(e.getValue().holders)) {
        if (matches.test(holder)) {
          releaseObject(e.getKey(), holder);
        }
      }
    }
    for (Map.Entry<String, Set<String>> e : new ArrayList<>(actorHolders.entrySet())) {
      for (String holder : List.copyOf(e.getValue())) {
        if (matches.test(holder)) {
          releaseActor(e.getKey(), holder);
        }
      }
    }
  }

  private void releaseObject(String id, String holder) {
    SharedObject object = objects.get(id);
    if (object == null || !object.holders.remove(holder) || !object.holders.isEmpty()) {
      return;
    }
    objects.remove(id);
    effects.freeObject(object.location);
    if (!object.containedHolder.isEmpty()) {
      releaseAll(object.containedHolder);
    }
  }

  private void releaseActor(String actorId, String holder) {
    Set<String> holders = actorHolders.get(actorId);
    if (holders == null || !holders.remove(holder) || !holders.isEmpty()) {
      return;
    }
    actorHolders.remove(actorId);
    effects.actorOutOfScope(actorId);
  }

  /** How many holders an object has, 0 once it is freed or unknown. */
  public int holders(String objectId) {
    SharedObject object = objects.get(objectId);
    return object == null ? 0 : object.holders.size();
  }

  /** Whether the table still counts the actor's handles. */
  public boolean tracks(String actorId) {
    return actorHolders.containsKey(actorId);
  }
}

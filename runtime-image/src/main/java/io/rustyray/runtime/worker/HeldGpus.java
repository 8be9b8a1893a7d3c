package io.rustyray.runtime.worker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GPU indices each actor instance of this worker process holds, as its node handed them out at
 * creation: every call of the instance runs with them ({@code Rusty.getRuntimeContext().gpuIds()}).
 */
final class HeldGpus {
  private record Held(int incarnation, List<Integer> ids) {}

  private static final Map<String, Held> BY_ACTOR = new ConcurrentHashMap<>();

  private HeldGpus() {}

  static void hold(String actorId, int incarnation, List<Integer> ids) {
    if (ids.isEmpty()) {
      BY_ACTOR.remove(actorId);
    } else {
      BY_ACTOR.put(actorId, new Held(incarnation, List.copyOf(ids)));
    }
  }

  static List<Integer> of(String actorId, int incarnation) {
    Held held = BY_ACTOR.get(actorId);
    return held == null || held.incarnation() != incarnation ? List.of() : held.ids();
  }

  static void release(String actorId) {
    BY_ACTOR.remove(actorId);
  }
}

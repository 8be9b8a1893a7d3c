package io.rustyray.runtime.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The GPUs of a node with {@code gpu: N} resources, as indices 0..N-1 (Ray's GPU ids). A task or
 * actor instance that holds a whole number of {@code gpu} gets that many GPUs of its own while it
 * runs; one that holds a fraction gets a share of one GPU, packed onto a GPU that is shared already
 * where it fits (as Ray does: two holders of 0.5 see the same id). The head's scheduler already
 * counted the amount; this only says which GPUs.
 */
final class GpuSlots {
  private static final double EPSILON = 1e-9;

  /** What is left of each GPU: 1 when no one holds it. */
  private final double[] left;

  private final Map<Object, Held> held = new HashMap<>();

  private record Held(List<Integer> ids, double share) {}

  /**
   * @param gpus the node's {@code gpu} amount; its whole part is how many GPUs it has
   */
  GpuSlots(double gpus) {
    left = new double[(int) Math.floor(gpus)];
    Arrays.fill(left, 1.0);
  }

  /**
   * @param holder the task or actor instance that holds them until {@link #release}
   * @param amount the {@code gpu} amount it holds
   * @return the indices it gets (none for no amount, or when they are not free, which the head's
   *     accounting does not let happen)
   */
  synchronized List<Integer> acquire(Object holder, double amount) {
    Held already = held.get(holder);
    if (already != null) {
      return already.ids();
    }
    if (amount <= EPSILON) {
      return List.of();
    }
    List<Integer> ids = amount < 1 ? share(amount) : whole((int) Math.floor(amount));
    if (!ids.isEmpty()) {
      double each = amount < 1 ? amount : 1.0;
      ids.forEach(id -> left[id] -= each);
      held.put(holder, new Held(ids, each));
    }
    return ids;
  }

  private List<Integer> whole(int count) {
    List<Integer> ids = new ArrayList<>(count);
    for (int i = 0; i < left.length && ids.size() < count; i++) {
      if (left[i] >= 1 - EPSILON) {
        ids.add(i);
      }
    }
    return ids.size() == count ? List.copyOf(ids) : List.of();
  }

  private List<Integer> share(double amount) {
    int fresh = -1;
    for (int i = 0; i < left.length; i++) {
      boolean shared = left[i] < 1 - EPSILON;
      if (shared && left[i] >= amount - EPSILON) {
        return List.of(i);
      }
      if (!shared && fresh < 0) {
        fresh = i;
      }
    }
    return fresh < 0 ? List.of() : List.of(fresh);
  }

  /**
   * The holder ended: its GPUs (or its share of one) are free again. Releasing twice is harmless.
   */
  synchronized void release(Object holder) {
    Held ended = held.remove(holder);
    if (ended != null) {
      ended.ids().forEach(id -> left[id] = Math.min(1.0, left[id] + ended.share()));
    }
  }

  /**
   * @param ids the indices an actor's own worker process may see
   * @return the value of its {@code CUDA_VISIBLE_DEVICES}
   */
  static String cudaVisibleDevices(List<Integer> ids) {
    return String.join(",", ids.stream().map(String::valueOf).toList());
  }
}

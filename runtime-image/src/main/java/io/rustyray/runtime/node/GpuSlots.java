package io.rustyray.runtime.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The GPUs of a node with {@code gpu: N} resources, as indices 0..N-1 (Ray's GPU ids): a task or
 * actor instance that holds a whole number of {@code gpu} gets that many indices of its own while
 * it runs, and gives them back when it ends. The head's scheduler already counted the amount; this
 * only says which ones.
 */
final class GpuSlots {
  private final TreeSet<Integer> free = new TreeSet<>();
  private final Map<Object, List<Integer>> held = new HashMap<>();

  /**
   * @param gpus the node's {@code gpu} amount; its whole part is how many GPUs it has
   */
  GpuSlots(double gpus) {
    for (int i = 0; i < (int) Math.floor(gpus); i++) {
      free.add(i);
    }
  }

  /**
   * @param holder the task or actor instance that holds them until {@link #release}
   * @param amount the {@code gpu} amount it holds
   * @return the indices it gets: the lowest free ones, as many as its whole amount (none for a
   *     fraction, or when fewer are free, which the head's accounting does not let happen)
   */
  synchronized List<Integer> acquire(Object holder, double amount) {
    int count = (int) Math.floor(amount);
    if (count < 1 || count > free.size() || held.containsKey(holder)) {
      return held.getOrDefault(holder, List.of());
    }
    List<Integer> taken = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      taken.add(free.pollFirst());
    }
    held.put(holder, List.copyOf(taken));
    return held.get(holder);
  }

  /** The holder ended: its indices are free again. Releasing twice is harmless. */
  synchronized void release(Object holder) {
    List<Integer> ids = held.remove(holder);
    if (ids != null) {
      free.addAll(ids);
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

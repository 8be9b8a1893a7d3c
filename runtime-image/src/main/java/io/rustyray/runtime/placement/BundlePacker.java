package io.rustyray.runtime.placement;

import io.rustyray.protocol.proto.PlacementStrategy;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses a node for each bundle of a placement group, per its strategy, from what the nodes have
 * free: all the bundles that still need a node, or none. Bundles already reserved (a group being
 * rescheduled after a node died) stay where they are and count for the strategy. Pure: it takes
 * nothing; the caller reserves what it answers.
 */
public final class BundlePacker {
  /** Bounds the search for a STRICT_SPREAD layout, so that a large group never stalls the head. */
  private static final int SEARCH_STEPS = 100_000;

  private BundlePacker() {}

  /**
   * @param bundles each bundle's resources, by index
   * @param reserved the node of each bundle that already has one, by index
   * @param strategy how the bundles are laid out
   * @param free what each alive node has free, in the scheduler's order
   * @return the node of each bundle not in {@code reserved}, or empty when they do not all fit now
   */
  public static Optional<Map<Integer, String>> pack(
      List<ResourceSet> bundles,
      Map<Integer, String> reserved,
      PlacementStrategy strategy,
      Map<String, ResourceSet> free) {
    Map<String, ResourceSet> left = new LinkedHashMap<>(free);
    List<Integer> open =
        java.util.stream.IntStream.range(0, bundles.size())
            .filter(i -> !reserved.containsKey(i))
            .boxed()
            .toList();
    Set<String> used = new HashSet<>(reserved.values());
    return switch (strategy) {
      case STRATEGY_STRICT_PACK -> strictPack(bundles, open, used, left);
      case STRATEGY_STRICT_SPREAD -> strictSpread(bundles, open, used, left);
      case STRATEGY_SPREAD -> greedy(bundles, open, used, left, false);
      default -> pack(bundles, open, used, left);
    };
  }

  private static Optional<Map<Integer, String>> strictPack(
      List<ResourceSet> bundles,
      List<Integer> open,
      Set<String> used,
      Map<String, ResourceSet> left) {
    ResourceSet sum = ResourceSet.of(Map.of());
    for (int i : open) {
      sum = sum.plus(bundles.get(i));
    }
    ResourceSet total = sum;
    Optional<String> node =
        used.isEmpty()
            ? left.entrySet().stream()
                .filter(e -> e.getValue().fits(total))
                .map(Map.Entry::getKey)
                .findFirst()
            : used.stream().filter(n -> left.containsKey(n) && left.get(n).fits(total)).findFirst();
    return node.map(n -> all(open, n));
  }

  private static Map<Integer, String> all(List<Integer> open, String node) {
    Map<Integer, String> placed = new LinkedHashMap<>();
    open.forEach(i -> placed.put(i, node));
    return placed;
  }

  /** One node for all when one fits them, else as few as the greedy choice finds. */
  private static Optional<Map<Integer, String>> pack(
      List<ResourceSet> bundles,
      List<Integer> open,
      Set<String> used,
      Map<String, ResourceSet> left) {
    if (used.isEmpty()) {
      Optional<Map<Integer, String>> one = strictPack(bundles, open, used, left);
      if (one.isPresent()) {
        return one;
      }
    }
    return greedy(bundles, open, used, left, true);
  }

  /**
   * Each bundle in turn on a node that fits it: under PACK a node the group uses already comes
   * first, under SPREAD a node it does not use yet; ties go to the node with the most CPUs free.
   */
  private static Optional<Map<Integer, String>> greedy(
      List<ResourceSet> bundles,
      List<Integer> open,
      Set<String> used,
      Map<String, ResourceSet> left,
      boolean preferUsed) {
    Map<Integer, String> placed = new LinkedHashMap<>();
    Set<String> group = new HashSet<>(used);
    for (int i : open) {
      ResourceSet demand = bundles.get(i);
      Optional<String> node =
          left.entrySet().stream()
              .filter(e -> e.getValue().fits(demand))
              .max(
                  Comparator.<Map.Entry<String, ResourceSet>>comparingInt(
                          e -> group.contains(e.getKey()) == preferUsed ? 1 : 0)
                      .thenComparingDouble(e -> e.getValue().get("cpu")))
              .map(Map.Entry::getKey);
      if (node.isEmpty()) {
        return Optional.empty();
      }
      left.put(node.get(), left.get(node.get()).minus(demand));
      group.add(node.get());
      placed.put(i, node.get());
    }
    return Optional.of(placed);
  }

  /** A node of its own for every bundle: a bounded search, since a greedy pick can miss one. */
  private static Optional<Map<Integer, String>> strictSpread(
      List<ResourceSet> bundles,
      List<Integer> open,
      Set<String> used,
      Map<String, ResourceSet> left) {
    List<String> candidates = left.keySet().stream().filter(n -> !used.contains(n)).toList();
    if (candidates.size() < open.size()) {
      return Optional.empty();
    }
    Map<Integer, String> placed = new LinkedHashMap<>();
    int[] steps = {0};
    boolean found = search(bundles, open, 0, candidates, left, new HashMap<>(), placed, steps);
    return found ? Optional.of(placed) : Optional.empty();
  }

  private static boolean search(
      List<ResourceSet> bundles,
      List<Integer> open,
      int next,
      List<String> candidates,
      Map<String, ResourceSet> left,
      Map<String, Integer> taken,
      Map<Integer, String> placed,
      int[] steps) {
    if (next == open.size()) {
      return true;
    }
    int bundle = open.get(next);
    for (String node : candidates) {
      if (++steps[0] > SEARCH_STEPS) {
        return false;
      }
      if (taken.containsKey(node) || !left.get(node).fits(bundles.get(bundle))) {
        continue;
      }
      taken.put(node, bundle);
      placed.put(bundle, node);
      if (search(bundles, open, next + 1, candidates, left, taken, placed, steps)) {
        return true;
      }
      taken.remove(node);
      placed.remove(bundle);
    }
    return false;
  }
}

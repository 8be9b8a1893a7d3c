package io.rustyray.api;

import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.BundlePlacement;
import io.rustyray.api.options.CallOptions;
import io.rustyray.api.options.ResourceAmounts;
import io.rustyray.api.placementgroup.PlacementGroup;
import java.util.HashMap;
import java.util.Map;

/**
 * A prepared task; set its options, then {@link #remote()} submits it.
 *
 * @param <R> the task's result type
 */
public final class TaskCaller<R> {
  private final RustyFunc function;
  private final Object[] args;
  private final Map<String, Double> resources = new HashMap<>(Map.of("cpu", 1.0));
  private int maxRetries = CallOptions.DEFAULT_MAX_RETRIES;
  private String name = "";
  private BundlePlacement placement;

  TaskCaller(RustyFunc function, Object[] args) {
    this.function = function;
    this.args = args;
  }

  /**
   * Sets one logical resource the task needs while it runs, such as {@code ("gpu", 1)}.
   *
   * @param name the resource name ({@code cpu}, {@code memory} in bytes, or a custom name)
   * @param amount how much of it; 0 removes the need
   * @return this caller
   * @throws IllegalArgumentException when the amount is negative, not finite, or above 1 and not
   *     whole
   */
  public TaskCaller<R> setResource(String name, double amount) {
    ResourceAmounts.check(name, amount);
    resources.put(ResourceAmounts.canonicalName(name), amount);
    return this;
  }

  /**
   * Sets several logical resources at once.
   *
   * @param amounts resource names and amounts
   * @return this caller
   */
  public TaskCaller<R> setResources(Map<String, Double> amounts) {
    ResourceAmounts.check(amounts);
    resources.putAll(ResourceAmounts.canonical(amounts));
    return this;
  }

  /**
   * Sets how many times the task is retried when its node dies while it runs (default 3). A task
   * that throws is not retried.
   *
   * @param maxRetries the number of retries; 0 for none
   * @return this caller
   */
  public TaskCaller<R> setMaxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
    }
    this.maxRetries = maxRetries;
    return this;
  }

  /**
   * Names the task, as Ray's {@code setName}: the name shows where tasks are listed and in its
   * errors.
   *
   * @param name the name
   * @return this caller
   */
  public TaskCaller<R> setName(String name) {
    this.name = name == null ? "" : name;
    return this;
  }

  /**
   * Runs the task in one bundle of a placement group, on the resources reserved for it.
   *
   * @param group the group
   * @param bundleIndex the bundle, from 0 (as in Ray, -1 is refused here: {@code
   *     setPlacementGroup(group)} runs it in any bundle)
   * @return this caller
   * @throws IllegalArgumentException when the group has no such bundle
   */
  public TaskCaller<R> setPlacementGroup(PlacementGroup group, int bundleIndex) {
    this.placement = Placements.of(group, bundleIndex);
    return this;
  }

  /**
   * Runs the task in any bundle of a placement group.
   *
   * @param group the group
   * @return this caller
   */
  public TaskCaller<R> setPlacementGroup(PlacementGroup group) {
    this.placement = Placements.anyBundle(group);
    return this;
  }

  /**
   * Submits the task without waiting for it to run.
   *
   * @return a reference to the task's result
   */
  public ObjectRef<R> remote() {
    return Rusty.runtime()
        .submitTask(function, args, new CallOptions(resources, maxRetries, name, placement));
  }
}

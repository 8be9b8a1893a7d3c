package io.rustyray.api.placementgroup;

import io.rustyray.api.Rusty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A prepared placement group; set its options, then {@link #create()} asks the cluster for it. */
public final class PlacementGroupCreator {
  private final List<Map<String, Double>> bundles;
  private PlacementStrategy strategy = PlacementStrategy.PACK;
  private String name = "";
  private boolean detached = false;

  /**
   * @param bundles the resources of each bundle, such as {@code List.of(Map.of("cpu", 1.0))}
   */
  public PlacementGroupCreator(List<Map<String, Double>> bundles) {
    // Checked by create(), through PlacementGroupOptions, so that every mistake gets its message.
    this.bundles = bundles == null ? List.of() : new ArrayList<>(bundles);
  }

  /**
   * @param strategy how the bundles are laid out ({@link PlacementStrategy#PACK} by default)
   * @return this creator
   */
  public PlacementGroupCreator setStrategy(PlacementStrategy strategy) {
    this.strategy = strategy;
    return this;
  }

  /**
   * @param name a name that {@link Rusty#getPlacementGroup(String)} finds the group by, in the
   *     caller's namespace
   * @return this creator
   */
  public PlacementGroupCreator setName(String name) {
    this.name = name;
    return this;
  }

  /**
   * @param detached whether the group outlives the job that creates it (it is removed with the job
   *     by default)
   * @return this creator
   */
  public PlacementGroupCreator setDetached(boolean detached) {
    this.detached = detached;
    return this;
  }

  /**
   * Asks the cluster to reserve the bundles and returns at once; {@link PlacementGroup#wait} waits
   * for the reservation.
   *
   * @return the group
   * @throws IllegalArgumentException when there are no bundles, or a bundle asks for nothing or for
   *     an invalid amount
   */
  public PlacementGroup create() {
    return Rusty.runtime()
        .createPlacementGroup(new PlacementGroupOptions(bundles, strategy, name, detached));
  }
}

package io.rustyray.client;

import io.rustyray.api.exception.RustyException;
import io.rustyray.api.placementgroup.PlacementGroup;
import io.rustyray.api.placementgroup.PlacementGroupState;
import io.rustyray.api.placementgroup.PlacementStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A placement group of a cluster: what it was made with, and its state asked of the head. */
final class ClusterPlacementGroup implements PlacementGroup {
  private final String id;
  private final String name;
  private final List<Map<String, Double>> bundles;
  private final PlacementStrategy strategy;
  private final PlacementGroups groups;

  ClusterPlacementGroup(
      String id,
      String name,
      List<Map<String, Double>> bundles,
      PlacementStrategy strategy,
      PlacementGroups groups) {
    this.id = id;
    this.name = name;
    this.bundles = List.copyOf(bundles);
    this.strategy = strategy;
    this.groups = groups;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public List<Map<String, Double>> getBundles() {
    return bundles;
  }

  @Override
  public PlacementStrategy getStrategy() {
    return strategy;
  }

  @Override
  public PlacementGroupState getState() {
    return groups.state(id, Duration.ZERO);
  }

  @Override
  public boolean wait(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("a wait needs a timeout of zero or more, got " + timeout);
    }
    PlacementGroupState state = groups.state(id, timeout);
    if (state == PlacementGroupState.REMOVED) {
      throw new RustyException(
          "placement group " + id + " was removed: there is nothing to wait for");
    }
    return state == PlacementGroupState.CREATED;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClusterPlacementGroup g && g.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "PlacementGroup(" + id + (name.isEmpty() ? "" : ", " + name) + ", " + strategy + ")";
  }
}

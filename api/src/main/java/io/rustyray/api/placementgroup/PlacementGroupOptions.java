package io.rustyray.api.placementgroup;

import java.util.List;
import java.util.Map;

/**
 * Options of a placement group.
 *
 * @param bundles the resources of each bundle
 * @param strategy how the bundles are laid out
 * @param name a name to find the group by, or empty
 * @param detached whether the group outlives the job that creates it
 */
public record PlacementGroupOptions(
    List<Map<String, Double>> bundles, PlacementStrategy strategy, String name, boolean detached) {
  public PlacementGroupOptions {
    bundles = List.copyOf(bundles);
  }
}

package io.rustyray.api.placementgroup;

import io.rustyray.api.options.ResourceAmounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Options of a placement group, checked as they are made: every runtime refuses the same bad input.
 *
 * @param bundles the resources of each bundle
 * @param strategy how the bundles are laid out
 * @param name a name to find the group by, or empty
 * @param detached whether the group outlives the job that creates it
 */
public record PlacementGroupOptions(
    List<Map<String, Double>> bundles, PlacementStrategy strategy, String name, boolean detached) {

  /**
   * @throws IllegalArgumentException when there are no bundles, a bundle is empty or asks for an
   *     amount that is not a positive number, or the strategy or name is missing
   */
  public PlacementGroupOptions {
    if (bundles == null || bundles.isEmpty()) {
      throw new IllegalArgumentException("a placement group needs at least one bundle");
    }
    List<Map<String, Double>> copies = new ArrayList<>();
    for (int i = 0; i < bundles.size(); i++) {
      Map<String, Double> bundle = bundles.get(i);
      if (bundle == null || bundle.isEmpty()) {
        throw new IllegalArgumentException(
            "bundle " + i + " of the placement group is empty: give it resources");
      }
      for (Map.Entry<String, Double> amount : bundle.entrySet()) {
        Double value = amount.getValue();
        if (value == null || !(value > 0) || value.isInfinite()) {
          throw new IllegalArgumentException(
              "bundle "
                  + i
                  + " asks for "
                  + amount.getKey()
                  + "="
                  + value
                  + ": every amount of a bundle must be a positive number");
        }
      }
      copies.add(Map.copyOf(ResourceAmounts.canonical(bundle)));
    }
    if (strategy == null) {
      throw new IllegalArgumentException("a placement group needs a strategy");
    }
    if (name == null) {
      throw new IllegalArgumentException("a placement group's name is empty or a name, not null");
    }
    bundles = List.copyOf(copies);
  }
}

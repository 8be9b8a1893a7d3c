package io.rustyray.api;

import io.rustyray.api.options.BundlePlacement;
import io.rustyray.api.placementgroup.PlacementGroup;

/** Checks a bundle index against its group before anything is sent. */
final class Placements {
  private Placements() {}

  static BundlePlacement of(PlacementGroup group, int bundleIndex) {
    if (group == null) {
      throw new IllegalArgumentException("a placement group is needed");
    }
    int bundles = group.getBundles().size();
    if (bundleIndex < 0 || bundleIndex >= bundles) {
      throw new IllegalArgumentException(
          "bundle index "
              + bundleIndex
              + " is out of range for placement group "
              + group.getId()
              + ", which has "
              + bundles
              + " bundle(s): use 0 to "
              + (bundles - 1)
              + ", or setPlacementGroup(group) for any");
    }
    return new BundlePlacement(group.getId(), bundleIndex);
  }

  static BundlePlacement anyBundle(PlacementGroup group) {
    if (group == null) {
      throw new IllegalArgumentException("a placement group is needed");
    }
    return new BundlePlacement(group.getId(), BundlePlacement.ANY_BUNDLE);
  }
}

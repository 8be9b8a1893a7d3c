package io.rustyray.runtime.placement;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.PlacementGroupSpec;
import io.rustyray.protocol.proto.PlacementStrategy;
import io.rustyray.protocol.proto.Resources;
import java.util.Map;

/** What the head refuses in a placement group's spec, before anything is reserved. */
final class PlacementGroupSpecCheck {
  /** Bounds the head's work per group: packing and the state stream grow with the bundles. */
  static final int MAX_BUNDLES = 1000;

  static final int MAX_NAME_LENGTH = 256;

  private PlacementGroupSpecCheck() {}

  static void check(PlacementGroupSpec spec) throws StatusException {
    if (spec.getBundlesCount() == 0) {
      throw invalid("a placement group needs at least one bundle");
    }
    if (spec.getBundlesCount() > MAX_BUNDLES) {
      throw invalid(
          "a placement group has at most "
              + MAX_BUNDLES
              + " bundles, got "
              + spec.getBundlesCount());
    }
    if (spec.getStrategy() == PlacementStrategy.PLACEMENT_STRATEGY_UNSPECIFIED
        || spec.getStrategy() == PlacementStrategy.UNRECOGNIZED) {
      throw invalid(
          "a placement group needs a strategy: PACK, SPREAD, STRICT_PACK or STRICT_SPREAD");
    }
    if (spec.getName().length() > MAX_NAME_LENGTH) {
      throw invalid("a placement group's name has at most " + MAX_NAME_LENGTH + " characters");
    }
    for (int i = 0; i < spec.getBundlesCount(); i++) {
      Resources bundle = spec.getBundles(i);
      if (bundle.getAmountsCount() == 0) {
        throw invalid("bundle " + i + " of the placement group is empty: give it resources");
      }
      for (Map.Entry<String, Double> amount : bundle.getAmountsMap().entrySet()) {
        double value = amount.getValue();
        if (amount.getKey().isEmpty()) {
          throw invalid("bundle " + i + " names a resource with an empty name");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
          throw invalid(
              "bundle "
                  + i
                  + " asks for "
                  + amount.getKey()
                  + "="
                  + value
                  + ": every amount of a bundle must be a positive number");
        }
      }
    }
  }

  private static StatusException invalid(String description) {
    return Status.INVALID_ARGUMENT.withDescription(description).asException();
  }
}

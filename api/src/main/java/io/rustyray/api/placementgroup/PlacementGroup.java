package io.rustyray.api.placementgroup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Resources reserved together across the cluster, in bundles, for tasks and actors to run in (see
 * {@link io.rustyray.api.ActorCreator#setPlacementGroup}).
 */
public interface PlacementGroup {

  /**
   * @return the group's id, unique in the cluster
   */
  String getId();

  /**
   * @return its name, or empty
   */
  String getName();

  /**
   * @return the resources of each bundle, in the order they were given
   */
  List<Map<String, Double>> getBundles();

  /**
   * @return how its bundles are laid out
   */
  PlacementStrategy getStrategy();

  /**
   * @return its state, as the head sees it now
   */
  PlacementGroupState getState();

  /**
   * Waits until every bundle is reserved.
   *
   * @param timeout the longest wait
   * @return whether the group is {@link PlacementGroupState#CREATED} within the timeout
   * @throws io.rustyray.api.exception.RustyException when the group is removed, as in Ray
   */
  boolean wait(Duration timeout);
}

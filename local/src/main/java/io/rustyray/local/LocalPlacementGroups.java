package io.rustyray.local;

import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.options.BundlePlacement;
import io.rustyray.api.placementgroup.PlacementGroup;
import io.rustyray.api.placementgroup.PlacementGroupOptions;
import io.rustyray.api.placementgroup.PlacementGroupState;
import io.rustyray.api.placementgroup.PlacementStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Placement groups in local mode: there are no nodes to reserve on, so a group is CREATED at once;
 * names are unique per namespace among the groups not removed, and a removed group takes no new
 * task or actor, as in a cluster.
 */
final class LocalPlacementGroups {
  private final LocalIds ids;
  private final Map<String, Group> groups = new LinkedHashMap<>();

  LocalPlacementGroups(LocalIds ids) {
    this.ids = ids;
  }

  private final class Group implements PlacementGroup {
    final String id;
    final PlacementGroupOptions options;
    final String namespace;
    volatile PlacementGroupState state = PlacementGroupState.CREATED;

    Group(String id, PlacementGroupOptions options, String namespace) {
      this.id = id;
      this.options = options;
      this.namespace = namespace;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public String getName() {
      return options.name();
    }

    @Override
    public List<Map<String, Double>> getBundles() {
      return options.bundles();
    }

    @Override
    public PlacementStrategy getStrategy() {
      return options.strategy();
    }

    @Override
    public PlacementGroupState getState() {
      return state;
    }

    @Override
    public boolean wait(Duration timeout) {
      if (timeout == null || timeout.isNegative()) {
        throw new IllegalArgumentException(
            "a wait needs a timeout of zero or more, got " + timeout);
      }
      if (state == PlacementGroupState.REMOVED) {
        throw new RustyException(
            "placement group " + id + " was removed: there is nothing to wait for");
      }
      return true;
    }

    @Override
    public String toString() {
      return "PlacementGroup(" + id + ", " + options.strategy() + ", " + state + ")";
    }
  }

  synchronized PlacementGroup create(PlacementGroupOptions options, String namespace) {
    if (!options.name().isEmpty() && find(options.name(), namespace).isPresent()) {
      throw new RustyCallException(
          "ALREADY_EXISTS",
          "a placement group named '"
              + options.name()
              + "' already exists; remove it first or pick another name",
          null);
    }
    Group group = new Group(ids.next("pg"), options, namespace);
    groups.put(group.id, group);
    return group;
  }

  synchronized Optional<PlacementGroup> find(String name, String namespace) {
    return groups.values().stream()
        .filter(
            g ->
                g.state != PlacementGroupState.REMOVED
                    && g.options.name().equals(name)
                    && g.namespace.equals(namespace))
        .<PlacementGroup>map(g -> g)
        .findFirst();
  }

  synchronized Optional<PlacementGroup> findById(String id) {
    return Optional.ofNullable(groups.get(id));
  }

  synchronized List<PlacementGroup> list() {
    return new ArrayList<>(groups.values());
  }

  synchronized void remove(String id) {
    Group group = groups.get(id);
    if (group == null) {
      throw new RustyCallException("NOT_FOUND", "there is no placement group " + id, null);
    }
    group.state = PlacementGroupState.REMOVED;
  }

  /**
   * @throws RustyCallException when the task or actor asks for a group that is unknown or removed
   */
  synchronized void check(BundlePlacement placement) {
    if (placement == null) {
      return;
    }
    Group group = groups.get(placement.placementGroupId());
    if (group == null) {
      throw new RustyCallException(
          "FAILED_PRECONDITION",
          "there is no placement group " + placement.placementGroupId(),
          null);
    }
    if (group.state == PlacementGroupState.REMOVED) {
      throw new RustyCallException(
          "FAILED_PRECONDITION",
          "placement group " + group.id + " was removed (removed by request)",
          null);
    }
  }
}

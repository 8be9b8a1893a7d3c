package io.rustyray.operator.head;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A push event source fed by the heads' state streams: a change a head reports triggers the
 * reconciliation of the resources it concerns, and the cluster's {@link HeadState} is available as
 * a secondary resource. No polling.
 *
 * @param <P> the primary resource
 */
public class HeadStateEventSource<P extends HasMetadata> extends AbstractEventSource<HeadState, P>
    implements HeadConnections.Listener, ResourceEventAware<P> {
  private final HeadConnections connections;
  private final Function<P, ClusterKey> clusterOf;
  private final Function<ClusterKey, Set<ResourceID>> onClusterChange;
  private final BiFunction<ClusterKey, String, Set<ResourceID>> onActorChange;
  private BiFunction<ClusterKey, String, Set<ResourceID>> onJobChange = (key, id) -> Set.of();
  private boolean closeOnPrimaryDelete;

  /**
   * @param name the event source's name
   * @param connections the heads
   * @param clusterOf the cluster a primary belongs to
   * @param onClusterChange the primaries to reconcile when a cluster's picture changes
   * @param onActorChange the primaries to reconcile when an actor changes
   */
  public HeadStateEventSource(
      String name,
      HeadConnections connections,
      Function<P, ClusterKey> clusterOf,
      Function<ClusterKey, Set<ResourceID>> onClusterChange,
      BiFunction<ClusterKey, String, Set<ResourceID>> onActorChange) {
    super(HeadState.class, name);
    this.connections = connections;
    this.clusterOf = clusterOf;
    this.onClusterChange = onClusterChange;
    this.onActorChange = onActorChange;
  }

  /**
   * Stop following a cluster's head when its primary is deleted: for the event source whose
   * primaries are the clusters themselves.
   *
   * @return this
   */
  public HeadStateEventSource<P> closingOnPrimaryDelete() {
    this.closeOnPrimaryDelete = true;
    return this;
  }

  /**
   * Also reconcile primaries when a job changes.
   *
   * @param mapper the primaries to reconcile when the job of a submission id changes
   * @return this
   */
  public HeadStateEventSource<P> onJobChange(
      BiFunction<ClusterKey, String, Set<ResourceID>> mapper) {
    this.onJobChange = mapper;
    return this;
  }

  @Override
  public void onResourceDeleted(P primary) {
    ClusterKey key = clusterOf.apply(primary);
    if (closeOnPrimaryDelete && key != null) {
      connections.unwatch(key);
    }
  }

  @Override
  public void start() {
    super.start();
    connections.addListener(this);
  }

  @Override
  public void stop() {
    connections.removeListener(this);
    super.stop();
  }

  @Override
  public Set<HeadState> getSecondaryResources(P primary) {
    ClusterKey key = clusterOf.apply(primary);
    return key == null ? Set.of() : connections.state(key).map(Set::of).orElse(Set.of());
  }

  @Override
  public void clusterChanged(ClusterKey cluster) {
    fire(onClusterChange.apply(cluster));
  }

  @Override
  public void actorChanged(ClusterKey cluster, String actorName) {
    fire(onActorChange.apply(cluster, actorName));
  }

  @Override
  public void jobChanged(ClusterKey cluster, String submissionId) {
    fire(onJobChange.apply(cluster, submissionId));
  }

  private void fire(Set<ResourceID> targets) {
    if (!isRunning() || getEventHandler() == null) {
      return;
    }
    targets.forEach(id -> getEventHandler().handleEvent(new Event(id)));
  }
}

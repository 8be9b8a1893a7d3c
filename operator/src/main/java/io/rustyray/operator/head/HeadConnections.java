package io.rustyray.operator.head;

import io.rustyray.operator.common.OperatorConfig;
import io.rustyray.protocol.transport.Channels;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The operator's connections to cluster heads: a client per head and one state stream per cluster,
 * whose changes are handed to the registered listeners (the event sources of the reconcilers).
 */
@ApplicationScoped
public class HeadConnections {
  /** Told about changes the heads report. Called on gRPC threads: keep it quick. */
  public interface Listener {
    /**
     * The picture of a cluster changed as a whole (connected, synced, disconnected) or a node
     * changed.
     *
     * @param cluster the cluster
     */
    void clusterChanged(ClusterKey cluster);

    /**
     * An actor changed.
     *
     * @param cluster the cluster
     * @param actorName the actor's name
     */
    void actorChanged(ClusterKey cluster, String actorName);

    /**
     * A job the operator submitted changed (state, times, message).
     *
     * @param cluster the cluster
     * @param submissionId the submission id the job was submitted with
     */
    default void jobChanged(ClusterKey cluster, String submissionId) {}
  }

  private final Map<String, Channels> channelsByToken = new ConcurrentHashMap<>();
  private final Map<ClusterKey, HeadWatch> watches = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler =
      // Connecting lists the head's actors and nodes with a deadline; a few threads keep one
      // unreachable head from delaying the others.
      Executors.newScheduledThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "head-watch");
            t.setDaemon(true);
            return t;
          });

  @Inject OperatorConfig config;

  /**
   * @param endpoint the head
   * @return a client for it
   */
  public HeadClient client(HeadEndpoint endpoint) {
    return new GrpcHeadClient(channel(endpoint), config.headCallTimeout());
  }

  io.grpc.ManagedChannel channel(HeadEndpoint endpoint) {
    return channelsByToken.computeIfAbsent(endpoint.token(), Channels::new).get(endpoint.address());
  }

  /**
   * Follows the cluster's head at this endpoint, replacing a watch of an older head.
   *
   * @param cluster the cluster
   * @param endpoint its head now
   * @return the cluster's head state so far
   */
  public synchronized HeadState watch(ClusterKey cluster, HeadEndpoint endpoint) {
    HeadWatch current = watches.get(cluster);
    if (current != null && current.endpoint().equals(endpoint)) {
      return current.state();
    }
    HeadWatch created = new HeadWatch(cluster, endpoint, this, scheduler);
    HeadWatch previous = watches.put(cluster, created);
    if (previous != null) {
      previous.close();
      Channels channels = channelsByToken.get(previous.endpoint().token());
      if (channels != null) {
        channels.forget(previous.endpoint().address());
      }
    }
    created.start();
    return created.state();
  }

  /**
   * Stops following a cluster (suspended, head gone, deleted).
   *
   * @param cluster the cluster
   */
  public synchronized void unwatch(ClusterKey cluster) {
    HeadWatch previous = watches.remove(cluster);
    if (previous != null) {
      previous.close();
      fireCluster(cluster);
    }
  }

  /**
   * @param cluster the cluster
   * @return the state of the head the operator follows for it
   */
  public Optional<HeadState> state(ClusterKey cluster) {
    return Optional.ofNullable(watches.get(cluster)).map(HeadWatch::state);
  }

  /**
   * @param listener told about every change from now on
   */
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /**
   * @param listener no longer told
   */
  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  void fireCluster(ClusterKey cluster) {
    listeners.forEach(l -> l.clusterChanged(cluster));
  }

  void fireActor(ClusterKey cluster, String actorName) {
    listeners.forEach(l -> l.actorChanged(cluster, actorName));
  }

  void fireJob(ClusterKey cluster, String submissionId) {
    listeners.forEach(l -> l.jobChanged(cluster, submissionId));
  }

  boolean isCurrent(HeadWatch watch) {
    return watches.get(watch.cluster()) == watch;
  }

  @PreDestroy
  void shutdown() {
    watches.values().forEach(HeadWatch::close);
    watches.clear();
    channelsByToken.values().forEach(Channels::close);
    scheduler.shutdownNow();
  }
}

package io.rustyray.api;

import io.rustyray.api.concurrencygroup.ConcurrencyGroup;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.ActorOptions;
import io.rustyray.api.options.BundlePlacement;
import io.rustyray.api.options.ResourceAmounts;
import io.rustyray.api.placementgroup.PlacementGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A prepared actor; set its options, then {@link #remote()} creates it.
 *
 * @param <A> the actor's class
 */
public final class ActorCreator<A> {
  private final RustyFunc constructor;
  private final Object[] args;
  private final Map<String, Double> resources = new HashMap<>();
  private String name = "";
  private int maxRestarts = 0;
  private int maxConcurrency = 1;
  private Boolean detached; // null: the job's default lifetime
  private final List<String> jvmOptions = new ArrayList<>();
  private boolean sharedWorker = false;
  private Checkpoint checkpoint;
  private final List<ConcurrencyGroup> concurrencyGroups = new ArrayList<>();
  private BundlePlacement placement;

  ActorCreator(RustyFunc constructor, Object[] args) {
    this.constructor = constructor;
    this.args = args;
  }

  /**
   * Names the actor so that any client of the cluster can find it with {@link
   * Rusty#getActor(String)} in the creator's namespace, or {@link Rusty#getActor(String, String)}
   * from another.
   *
   * @param name the name, unique among the live actors of the namespace
   * @return this creator
   */
  public ActorCreator<A> setName(String name) {
    this.name = name;
    return this;
  }

  /**
   * Sets how many times the actor is restarted, on another node if need be, after its node dies.
   *
   * @param maxRestarts the number of restarts; 0 for none (the default), -1 for always
   * @return this creator
   */
  public ActorCreator<A> setMaxRestarts(int maxRestarts) {
    if (maxRestarts < -1) {
      throw new IllegalArgumentException("maxRestarts must be -1 or more, got " + maxRestarts);
    }
    this.maxRestarts = maxRestarts;
    return this;
  }

  /**
   * Sets how many calls may run at once. With 1 (the default) calls run one at a time in the order
   * they were made.
   *
   * @param maxConcurrency 1 or more
   * @return this creator
   */
  public ActorCreator<A> setMaxConcurrency(int maxConcurrency) {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be 1 or more, got " + maxConcurrency);
    }
    this.maxConcurrency = maxConcurrency;
    return this;
  }

  /**
   * Sets one logical resource the actor holds for its whole life, such as {@code ("gpu", 1)}.
   *
   * @param name the resource name
   * @param amount how much of it
   * @return this creator
   * @throws IllegalArgumentException when the amount is negative, not finite, or above 1 and not
   *     whole
   */
  public ActorCreator<A> setResource(String name, double amount) {
    ResourceAmounts.check(name, amount);
    resources.put(ResourceAmounts.canonicalName(name), amount);
    return this;
  }

  /**
   * Sets several logical resources at once.
   *
   * @param amounts resource names and amounts
   * @return this creator
   */
  public ActorCreator<A> setResources(Map<String, Double> amounts) {
    ResourceAmounts.check(amounts);
    resources.putAll(ResourceAmounts.canonical(amounts));
    return this;
  }

  /**
   * Makes the actor outlive the program that creates it; only a kill ends it. Without a call, the
   * job's default lifetime applies ({@link DefaultActorLifetime}: not detached unless the job says
   * otherwise).
   *
   * @param detached whether the actor is detached
   * @return this creator
   */
  public ActorCreator<A> setDetached(boolean detached) {
    this.detached = detached;
    return this;
  }

  /**
   * Sets options of the worker JVM the actor runs in, as Ray's {@code setJvmOptions}: a heap size
   * ({@code -Xmx256m}), system properties ({@code -Dkey=value}). They come after the job's own
   * worker options, so they win. A shared worker ({@link #setSharedWorker}) takes no options of its
   * own.
   *
   * @param options JVM options, each starting with {@code -}
   * @return this creator
   */
  public ActorCreator<A> setJvmOptions(List<String> options) {
    for (String option : options) {
      if (option == null || !option.startsWith("-")) {
        throw new IllegalArgumentException("a JVM option starts with '-', got " + option);
      }
    }
    jvmOptions.clear();
    jvmOptions.addAll(options);
    return this;
  }

  /**
   * Runs the actor in a worker process shared with the other shared actors of its job on its node,
   * instead of a process of its own (the default). For many small actors: one JVM holds them all.
   * Isolation is per job then, not per actor: a {@code System.exit} in one ends them all, and a
   * kill interrupts the actor's running call instead of ending a process.
   *
   * @param shared whether the actor shares a worker
   * @return this creator
   */
  public ActorCreator<A> setSharedWorker(boolean shared) {
    this.sharedWorker = shared;
    return this;
  }

  /**
   * Makes the actor durable: its class implements {@link Checkpointable}, and a restarted instance
   * gets the newest kept state before any call runs. Give it restarts too ({@link
   * #setMaxRestarts}), or there is nothing to restore into. The state is kept in the head's store
   * when the cluster has a durable one, else in the head's memory (it then survives workers and
   * nodes, not the head).
   *
   * @param policy {@link Checkpoint#everyCall()} or {@link Checkpoint#every(java.time.Duration)}
   * @return this creator
   */
  public ActorCreator<A> setCheckpoint(Checkpoint policy) {
    if (policy == null) {
      throw new IllegalArgumentException("a checkpoint policy is everyCall() or every(interval)");
    }
    this.checkpoint = policy;
    return this;
  }

  /**
   * Declares groups of the actor's methods that run apart from each other and from the default
   * group, each with its own limit of calls at once (Ray's concurrency groups).
   *
   * @param groups the groups, with unique names
   * @return this creator
   */
  public ActorCreator<A> setConcurrencyGroups(ConcurrencyGroup... groups) {
    concurrencyGroups.clear();
    for (ConcurrencyGroup group : groups) {
      for (ConcurrencyGroup earlier : concurrencyGroups) {
        if (earlier.name().equals(group.name())) {
          throw new IllegalArgumentException("two concurrency groups are named " + group.name());
        }
      }
      concurrencyGroups.add(group);
    }
    return this;
  }

  /**
   * Runs the actor in one bundle of a placement group: it holds that bundle's reserved resources
   * instead of taking free ones from a node.
   *
   * @param group the group
   * @param bundleIndex the bundle, from 0 (as in Ray, -1 is refused here: {@code
   *     setPlacementGroup(group)} runs it in any bundle)
   * @return this creator
   * @throws IllegalArgumentException when the group has no such bundle
   */
  public ActorCreator<A> setPlacementGroup(PlacementGroup group, int bundleIndex) {
    this.placement = Placements.of(group, bundleIndex);
    return this;
  }

  /**
   * Runs the actor in any bundle of a placement group.
   *
   * @param group the group
   * @return this creator
   */
  public ActorCreator<A> setPlacementGroup(PlacementGroup group) {
    this.placement = Placements.anyBundle(group);
    return this;
  }

  /**
   * Asks the cluster to create the actor and returns at once; calls made through the handle wait
   * until the actor is alive.
   *
   * @return a handle to the actor
   */
  public ActorHandle<A> remote() {
    return Rusty.runtime()
        .createActor(
            constructor,
            args,
            new ActorOptions(
                name,
                resources,
                maxRestarts,
                maxConcurrency,
                detached != null ? detached : DefaultActorLifetime.detached(),
                jvmOptions,
                sharedWorker,
                checkpoint,
                concurrencyGroups,
                placement));
  }
}

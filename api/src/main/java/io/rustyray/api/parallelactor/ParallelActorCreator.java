package io.rustyray.api.parallelactor;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.ActorOptions;
import java.util.List;
import java.util.Map;

/**
 * Options of a parallel actor; {@link #remote()} creates it.
 *
 * @param <A> the instances' class
 */
public final class ParallelActorCreator<A> {
  /** Bounds the threads and instances one actor may hold in its worker. */
  public static final int MAX_PARALLELISM = 256;

  private final RustyFunc constructor;
  private final Object[] args;
  private int parallelism = 1;
  private int maxRestarts = 0;

  ParallelActorCreator(RustyFunc constructor, Object[] args) {
    this.constructor = constructor;
    this.args = args;
  }

  /**
   * @param parallelism how many instances the actor holds, from 1 to {@value #MAX_PARALLELISM}
   * @return this creator
   * @throws IllegalArgumentException outside those bounds
   */
  public ParallelActorCreator<A> setParallelism(int parallelism) {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "parallelism must be from 1 to " + MAX_PARALLELISM + ", got " + parallelism);
    }
    this.parallelism = parallelism;
    return this;
  }

  /**
   * @param maxRestarts how many times the actor (all its instances, rebuilt from their constructor)
   *     is restarted after its process dies; -1 for always
   * @return this creator
   * @throws IllegalArgumentException below -1
   */
  public ParallelActorCreator<A> setMaxRestarts(int maxRestarts) {
    if (maxRestarts < -1) {
      throw new IllegalArgumentException("maxRestarts must be -1 or more, got " + maxRestarts);
    }
    this.maxRestarts = maxRestarts;
    return this;
  }

  /**
   * Asks the cluster to create the actor and returns at once; calls wait until it is alive.
   *
   * @return the handle
   */
  public ParallelActorHandle<A> remote() {
    ActorOptions options =
        new ActorOptions("", Map.of(), maxRestarts, 1, false, List.of(), false, null);
    ActorHandle<A> actor =
        Rusty.runtime().createParallelActor(constructor, args, options, parallelism);
    return new ParallelActorHandle<>(actor, parallelism);
  }
}

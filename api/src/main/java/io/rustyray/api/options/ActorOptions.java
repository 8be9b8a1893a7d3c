package io.rustyray.api.options;

import io.rustyray.api.Checkpoint;
import io.rustyray.api.concurrencygroup.ConcurrencyGroup;
import java.util.List;
import java.util.Map;

/**
 * Options of an actor.
 *
 * @param name a name that other clients can find the actor by, or empty
 * @param resources logical resources the actor holds for its whole life (none by default)
 * @param maxRestarts how many times the actor is restarted after its node dies; -1 for always
 * @param maxConcurrency how many calls may run at once; 1 runs calls one at a time, in order
 * @param detached whether the actor outlives the program that created it
 * @param jvmOptions options of the worker JVM the actor runs in, such as {@code -Xmx256m}
 * @param sharedWorker whether the actor shares one worker process with its job's other shared
 *     actors on a node, instead of a process of its own
 * @param checkpoint when a {@link io.rustyray.api.Checkpointable} actor's state is kept, or null
 *     for an actor that keeps none
 * @param concurrencyGroups groups of methods that run apart from the default group, or none
 * @param placement the placement group bundle the actor runs in, or null
 */
public record ActorOptions(
    String name,
    Map<String, Double> resources,
    int maxRestarts,
    int maxConcurrency,
    boolean detached,
    List<String> jvmOptions,
    boolean sharedWorker,
    Checkpoint checkpoint,
    List<ConcurrencyGroup> concurrencyGroups,
    BundlePlacement placement) {
  public ActorOptions {
    resources = Map.copyOf(resources);
    jvmOptions = List.copyOf(jvmOptions);
    concurrencyGroups = List.copyOf(concurrencyGroups);
  }

  /** Options of an actor in no concurrency or placement group. */
  public ActorOptions(
      String name,
      Map<String, Double> resources,
      int maxRestarts,
      int maxConcurrency,
      boolean detached,
      List<String> jvmOptions,
      boolean sharedWorker,
      Checkpoint checkpoint) {
    this(
        name,
        resources,
        maxRestarts,
        maxConcurrency,
        detached,
        jvmOptions,
        sharedWorker,
        checkpoint,
        List.of(),
        null);
  }
}

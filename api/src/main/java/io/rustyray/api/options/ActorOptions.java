package io.rustyray.api.options;

import java.util.Map;

/**
 * Options of an actor.
 *
 * @param name a name that other clients can find the actor by, or empty
 * @param resources logical resources the actor holds for its whole life (none by default)
 * @param maxRestarts how many times the actor is restarted after its node dies; -1 for always
 * @param maxConcurrency how many calls may run at once; 1 runs calls one at a time, in order
 * @param detached whether the actor outlives the program that created it
 */
public record ActorOptions(
    String name,
    Map<String, Double> resources,
    int maxRestarts,
    int maxConcurrency,
    boolean detached) {
  public ActorOptions {
    resources = Map.copyOf(resources);
  }
}

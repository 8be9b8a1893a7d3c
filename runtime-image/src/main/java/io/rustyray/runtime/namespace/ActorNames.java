package io.rustyray.runtime.namespace;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The head's registry of live actors' names: a name is unique within its namespace only, so two
 * jobs in different namespaces may each have an actor named "a". Not thread-safe: the GCS calls it
 * under its lock.
 */
public final class ActorNames {
  private final Map<NamespacedName, String> holders = new HashMap<>();

  /**
   * @param namespace the namespace to look in
   * @param name the actor's name
   * @return the id of the live actor that holds the name there
   */
  public Optional<String> holder(String namespace, String name) {
    return Optional.ofNullable(holders.get(new NamespacedName(namespace, name)));
  }

  /**
   * Gives a name to an actor; a nameless actor takes none.
   *
   * @throws IllegalStateException when another actor holds it: callers check {@link #holder} first
   */
  public void take(String namespace, String name, String actorId) {
    if (name.isEmpty()) {
      return;
    }
    String previous = holders.putIfAbsent(new NamespacedName(namespace, name), actorId);
    if (previous != null && !previous.equals(actorId)) {
      throw new IllegalStateException(
          "the name '" + name + "' in namespace '" + namespace + "' is held by " + previous);
    }
  }

  /** Frees a name when the actor holding it dies; a name another actor holds stays. */
  public void release(String namespace, String name, String actorId) {
    if (!name.isEmpty()) {
      holders.remove(new NamespacedName(namespace, name), actorId);
    }
  }

  /**
   * @return how many names are held, in every namespace
   */
  public int size() {
    return holders.size();
  }

  private record NamespacedName(String namespace, String name) {}
}

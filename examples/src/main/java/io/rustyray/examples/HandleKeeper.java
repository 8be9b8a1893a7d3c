package io.rustyray.examples;

import io.rustyray.api.ActorHandle;
import java.util.List;

/**
 * An actor that keeps a handle to a {@link Counter} it was given inside a list. While it keeps it,
 * the counter stays alive even after its creator dropped its own handle (Ray counts the handles of
 * every process).
 */
public class HandleKeeper {
  private ActorHandle<Counter> kept;

  /**
   * @param handles a list whose first handle is kept
   * @return true
   */
  public boolean keep(List<ActorHandle<Counter>> handles) {
    kept = handles.get(0);
    return true;
  }

  /**
   * @return the kept counter's value after adding one
   */
  public int incrementKept() {
    return kept.task(Counter::increment).remote().get();
  }

  /**
   * Drops the kept handle and asks the JVM to collect it.
   *
   * @return true
   */
  public boolean drop() {
    kept = null;
    System.gc();
    return true;
  }
}

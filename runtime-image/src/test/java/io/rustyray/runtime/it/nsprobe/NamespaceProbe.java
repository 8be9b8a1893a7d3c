package io.rustyray.runtime.it.nsprobe;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.examples.Counter;

/** Tasks that tell which namespace they run in, shipped in the namespace suite's job jar. */
public final class NamespaceProbe {
  private NamespaceProbe() {}

  public static String namespace() {
    return Rusty.getNamespace();
  }

  /** The namespace of a task that this task starts. */
  public static String namespaceOfANestedTask() {
    return Rusty.task(NamespaceProbe::namespace).remote().get();
  }

  /** Whether a live actor of that name is found from inside the task. */
  public static boolean findsActor(String name) {
    return Rusty.getActor(name).isPresent();
  }

  /** Creates a detached named Counter from inside the task, in the task's namespace. */
  public static String createsNamedCounter(String name) {
    ActorHandle<Counter> counter =
        Rusty.actor(Counter::new, 0).setName(name).setDetached(true).remote();
    return counter.getId();
  }
}

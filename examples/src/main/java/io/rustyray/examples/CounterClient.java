package io.rustyray.examples;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;

/**
 * Talks to the named {@link Counter} of a cluster, creating it (detached) if nobody has yet: {@code
 * rustyray driver io.rustyray.examples.CounterClient [name] [increments]}.
 *
 * <p>It runs in the namespace {@code RUSTYRAY_NAMESPACE} names, else in "default", where the
 * RustyActors of the Kubernetes namespace "default" have their actors.
 */
public final class CounterClient {
  private CounterClient() {}

  public static void main(String[] args) {
    String name = args.length > 0 ? args[0] : "counter";
    int increments = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    SharedNamespace.init();
    try {
      ActorHandle<Counter> counter =
          Rusty.<Counter>getActor(name)
              .orElseGet(
                  () -> {
                    System.out.println("No actor named " + name + " yet: creating it");
                    return Rusty.actor(Counter::new, 0).setName(name).setDetached(true).remote();
                  });
      int value = 0;
      for (int i = 0; i < increments; i++) {
        value = counter.task(Counter::increment).remote().get();
      }
      System.out.println("Counter " + name + " is now " + value);
    } finally {
      Rusty.shutdown();
    }
  }
}

package io.rustyray.examples;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Checkpoint;
import io.rustyray.api.Rusty;

/**
 * Talks to the named {@link DurableCounter} of a cluster, creating it (detached, checkpointed after
 * every call, restarted without limit) if nobody has yet: {@code rustyray driver
 * io.rustyray.examples.DurableCounterClient [name] [increments]}; 0 increments only reads it.
 *
 * <p>It runs in the namespace {@code RUSTYRAY_NAMESPACE} names, else in "default", where the
 * RustyActors of the Kubernetes namespace "default" have their actors.
 */
public final class DurableCounterClient {
  private DurableCounterClient() {}

  public static void main(String[] args) {
    String name = args.length > 0 ? args[0] : "durable-counter";
    int increments = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    SharedNamespace.init();
    try {
      ActorHandle<DurableCounter> counter =
          Rusty.<DurableCounter>getActor(name)
              .orElseGet(
                  () -> {
                    System.out.println("No actor named " + name + " yet: creating it");
                    return Rusty.actor(DurableCounter::new, 0)
                        .setName(name)
                        .setDetached(true)
                        .setMaxRestarts(-1)
                        .setCheckpoint(Checkpoint.everyCall())
                        .remote();
                  });
      int value = counter.task(DurableCounter::get).remote().get();
      for (int i = 0; i < increments; i++) {
        value = counter.task(DurableCounter::increment).remote().get();
      }
      System.out.println("Durable counter " + name + " is " + value);
    } finally {
      Rusty.shutdown();
    }
  }
}

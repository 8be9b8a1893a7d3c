package io.rustyray.local.examples;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.Rusty;

/** An actor that reports the runtime context its constructor and its calls see. */
public class ContextReporter {
  private final String seenByConstructor;

  public ContextReporter() {
    this.seenByConstructor = describe(Rusty.getRuntimeContext());
  }

  public String constructorSaw() {
    return seenByConstructor;
  }

  public ActorHandle<ContextReporter> self() {
    return Rusty.getCurrentActor();
  }

  public String callSees() {
    return describe(Rusty.getRuntimeContext());
  }

  private static String describe(RuntimeContext context) {
    return context.jobId() + "|" + context.actorId() + "|" + context.wasCurrentActorRestarted();
  }
}

package io.rustyray.local.examples;

import io.rustyray.api.Rusty;

/** Tells which namespace its code runs in, as a task and as an actor. */
public class NamespaceReader {
  public static String taskNamespace() {
    return Rusty.getNamespace();
  }

  public String actorNamespace() {
    return Rusty.getRuntimeContext().namespace();
  }
}

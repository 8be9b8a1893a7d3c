package io.rustyray.runtime.it.nsprobe;

import io.rustyray.api.Rusty;

/** An actor that tells which namespace its calls, and the tasks they start, run in. */
public final class NamespaceProbeActor {
  public String namespace() {
    return Rusty.getNamespace();
  }

  public String contextNamespace() {
    return Rusty.getRuntimeContext().namespace();
  }

  public String namespaceOfATaskItStarts() {
    return NamespaceProbe.namespaceOfANestedTask();
  }
}

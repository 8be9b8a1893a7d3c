package io.rustyray.local;

import io.rustyray.api.runtime.LocalRuntimeFactory;
import io.rustyray.api.runtime.RustyRuntime;

/**
 * Starts the runtime behind {@link io.rustyray.api.Rusty#initLocal()}; found through the
 * ServiceLoader, so a program compiled against the SDK alone gets it by adding {@code
 * io.rustyray:rustyray-local} (in test scope) to its classpath.
 */
public final class LocalModeRuntimeFactory implements LocalRuntimeFactory {
  @Override
  public RustyRuntime start() {
    return new LocalRuntime(Runtime.getRuntime().availableProcessors());
  }
}

package io.rustyray.local;

import io.rustyray.api.Rusty;
import io.rustyray.api.runtime.LocalRuntimeFactory;
import io.rustyray.api.runtime.RustyRuntime;
import io.rustyray.protocol.checkpoint.CheckpointCodec;

/**
 * Starts the runtime behind {@link io.rustyray.api.Rusty#initLocal()}; found through the
 * ServiceLoader, so a program compiled against the SDK alone gets it by adding {@code
 * io.rustyray:rustyray-local} (in test scope) to its classpath.
 */
public final class LocalModeRuntimeFactory implements LocalRuntimeFactory {
  @Override
  public RustyRuntime start() {
    // As Rusty.init does for a cluster: the namespace from the environment, else an anonymous one.
    String namespace = System.getenv(Rusty.NAMESPACE_ENV);
    return new LocalRuntime(
        Runtime.getRuntime().availableProcessors(),
        CheckpointCodec.DEFAULT_LIMIT_BYTES,
        namespace == null ? "" : namespace);
  }
}

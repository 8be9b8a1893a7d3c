package io.rustyray.operator.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the in-process fake head and points the operator's head port at it. */
public class TestingGcsResource implements QuarkusTestResourceLifecycleManager {
  /** The running fake head, for the tests' assertions. */
  public static volatile TestingGcsServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = new TestingGcsServer();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return Map.of("rustyray.operator.head-port", String.valueOf(server.port()));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}

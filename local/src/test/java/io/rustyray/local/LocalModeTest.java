package io.rustyray.local;

import io.rustyray.api.Rusty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Each specification starts a fresh local runtime, as a user's unit test would. */
abstract class LocalModeTest {
  @BeforeEach
  void startLocalMode() {
    Rusty.initLocal();
  }

  @AfterEach
  void stopLocalMode() {
    Rusty.shutdown();
  }
}

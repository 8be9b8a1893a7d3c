package io.rustyray.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.runtime.RustyRuntimeFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The client is what Rusty.init finds: the SDK names it only through the SPI. */
class ClusterRuntimeFactoryTest {

  @Test
  void serviceLoaderFindsTheClusterRuntimeFactory() {
    assertThat(ServiceLoader.load(RustyRuntimeFactory.class).findFirst())
        .get()
        .isInstanceOf(ClusterRuntimeFactory.class);
  }

  @Test
  void initAgainstNoHeadFailsWithTheAddressItTried() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    assertThatThrownBy(() -> Rusty.init(address, ""))
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("while connecting to the head at " + address);
    assertThat(Rusty.isInitialized()).isFalse();
  }
}

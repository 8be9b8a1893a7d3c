package io.rustyray.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.exception.RustyException;
import org.junit.jupiter.api.Test;

/** The SDK alone has no runtime: init says which artifact brings one. */
class RustyInitTest {

  @Test
  void initWithoutAClientOnTheClasspathNamesTheClientArtifact() {
    assertThatThrownBy(() -> Rusty.init("127.0.0.1:6379", ""))
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("RustyRuntimeFactory")
        .hasMessageContaining("io.rustyray:rustyray-client");
    assertThat(Rusty.isInitialized()).isFalse();
  }

  @Test
  void initLocalWithoutALocalRuntimeOnTheClasspathNamesTheLocalArtifact() {
    assertThatThrownBy(Rusty::initLocal)
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("LocalRuntimeFactory")
        .hasMessageContaining("io.rustyray:rustyray-local");
    assertThat(Rusty.isInitialized()).isFalse();
  }
}

package io.rustyray.runtime.gcs.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryStoreTest extends GcsStoreContract {
  @Override
  protected void emptyBackend() {}

  @Override
  protected GcsStore openStore() {
    return new MemoryStore();
  }

  @Test
  void itSaysItIsMemoryAndNotDurable() {
    assertThat(store.describe()).isEqualTo("memory");
    assertThat(store.durable()).isFalse();
  }

  @Test
  void aNewMemoryStoreStartsEmpty() throws Exception {
    store.put("actors", "a1", bytes("x"));

    try (GcsStore other = openStore()) {
      assertThat(other.load("actors")).isEmpty();
    }
  }
}

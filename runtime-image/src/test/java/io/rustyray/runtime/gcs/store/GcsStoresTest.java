package io.rustyray.runtime.gcs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcsStoresTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void noUriEmptyOrMemoryGivesTheMemoryStore() throws Exception {
    for (String uri : new String[] {null, "", "  ", "memory"}) {
      try (GcsStore store = GcsStores.open(uri, NO_ENV)) {
        assertThat(store).isInstanceOf(MemoryStore.class);
      }
    }
  }

  @Test
  void fileDirGivesAFileStoreOnThatDirectory(@TempDir Path temp) throws Exception {
    Path dir = temp.resolve("gcs");

    try (GcsStore store = GcsStores.open("file:" + dir, NO_ENV)) {
      assertThat(store).isInstanceOf(FileStore.class);
      assertThat(store.describe()).isEqualTo("file:" + dir);
    }
    try (GcsStore store = GcsStores.open(dir.toUri().toString(), NO_ENV)) {
      assertThat(store.describe()).isEqualTo("file:" + dir);
    }
  }

  @Test
  void fileWithoutADirectoryIsRefused() {
    assertThatThrownBy(() -> GcsStores.open("file:", NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no directory");
  }

  @Test
  void anUnknownFormIsRefusedListingTheAcceptedFormsWithoutEchoingAPassword() {
    assertThatThrownBy(() -> GcsStores.open("rediss://u:topsecret@host:6379", NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory")
        .hasMessageContaining("file:DIR")
        .hasMessageContaining("redis://[user:password@]host:port[/db]")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void aRedisUriGivesHostPortDatabaseUserAndPassword() {
    RedisLocation location = RedisLocation.parse("redis://gcs:pw@redis.ns.svc:6380/3", NO_ENV);

    assertThat(location).isEqualTo(new RedisLocation("redis.ns.svc", 6380, 3, "gcs", "pw"));
    assertThat(location.describe()).isEqualTo("redis://redis.ns.svc:6380/3");
    assertThat(location.toString()).doesNotContain("pw");
  }

  @Test
  void aRedisUriWithoutPortOrDatabaseTakes6379AndDatabase0() {
    RedisLocation location = RedisLocation.parse("redis://redis", NO_ENV);

    assertThat(location).isEqualTo(new RedisLocation("redis", 6379, 0, null, null));
  }

  @Test
  void thePasswordComesFromTheEnvironmentOnlyWhenTheUriHasNone() {
    Map<String, String> env = Map.of(RedisLocation.PASSWORD_ENV, "from-env");

    assertThat(RedisLocation.parse("redis://h:1", env).password()).isEqualTo("from-env");
    assertThat(RedisLocation.parse("redis://:@h:1", env).password()).isEqualTo("from-env");
    assertThat(RedisLocation.parse("redis://u@h:1", env).user()).isEqualTo("u");
    assertThat(RedisLocation.parse("redis://:from-uri@h:1", env).password()).isEqualTo("from-uri");
    assertThat(RedisLocation.parse("redis://:from-uri@h:1", env).user()).isNull();
  }

  @Test
  void anIpv6HostIsDescribedInBrackets() {
    RedisLocation location = RedisLocation.parse("redis://[::1]:7000", NO_ENV);

    assertThat(location.host()).isEqualTo("::1");
    assertThat(location.describe()).isEqualTo("redis://[::1]:7000/0");
  }

  @Test
  void aRedisUriWithABadDatabaseOrAQueryIsRefusedWithoutEchoingThePassword() {
    assertThatThrownBy(() -> RedisLocation.parse("redis://:topsecret@h:1/x", NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database number")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> RedisLocation.parse("redis://h:1/0?timeout=5", NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no query");
  }
}

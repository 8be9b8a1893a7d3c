package io.rustyray.runtime.gcs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

class RedisStoreTest extends GcsStoreContract {
  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir static Path temp;
  private static RedisServerProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServerProcess.start(temp.resolve("redis"));
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.stop();
    }
  }

  @Override
  protected void emptyBackend() {
    // A test that lost the server may have left it down.
    redis.restart();
    try (RedisClient admin = RedisClient.create("127.0.0.1", redis.port())) {
      admin.flushAll();
    }
  }

  @Override
  protected GcsStore openStore() throws StoreUnavailableException {
    return GcsStores.open(redis.uri(), NO_ENV);
  }

  @Test
  void describeNamesHostPortAndDatabaseAndTheStoreIsDurable() {
    assertThat(store.describe()).isEqualTo("redis://" + redis.address() + "/0");
    assertThat(store.durable()).isTrue();
  }

  @Test
  void aTableIsOneHashUnderTheRustyrayPrefix() throws Exception {
    store.put("actors", "a1", bytes("alive"));

    try (RedisClient admin = RedisClient.create("127.0.0.1", redis.port())) {
      assertThat(admin.hgetAll("rustyray:gcs:actors"))
          .containsExactlyEntriesOf(Map.of("a1", "alive"));
    }
  }

  @Test
  void storesOnTwoDatabasesOfOneServerSeeNothingOfEachOther() throws Exception {
    store.put("actors", "a1", bytes("in db 0"));

    try (GcsStore other = GcsStores.open(redis.uri() + "/1", NO_ENV)) {
      assertThat(other.load("actors")).isEmpty();
    }
  }

  @Test
  void aLostRedisMakesAPutFailWithinThreeSecondsNamingHostAndPort() throws Exception {
    store.put("actors", "a1", bytes("before"));
    redis.kill();

    long start = System.nanoTime();
    assertThatThrownBy(() -> store.put("actors", "a2", bytes("lost")))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining(redis.address());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(store.reachable()).isFalse();
  }

  @Test
  void aStoppedRedisMakesAPutFailWithinThreeSeconds() throws Exception {
    // SIGSTOP: the port still accepts connections, but nothing answers; only the timeout helps.
    redis.pause();
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> store.put("actors", "a2", bytes("hung")))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(redis.address());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    } finally {
      redis.resume();
    }
  }

  @Test
  void theSameStoreWritesAgainAndLoadsTheOldDataOnceRedisIsBackOnItsPort() throws Exception {
    store.put("actors", "a1", bytes("before the loss"));
    redis.kill();
    assertThatThrownBy(() -> store.put("actors", "a2", bytes("lost")))
        .isInstanceOf(StoreUnavailableException.class);

    redis.restart();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> store.put("actors", "a3", bytes("after the loss")));
    assertThat(text(store.load("actors")))
        .containsEntry("a1", "before the loss")
        .containsEntry("a3", "after the loss")
        .doesNotContainKey("a2");
    assertThat(store.reachable()).isTrue();
  }

  @Test
  void aWriteRightAfterARestartOfRedisSucceedsOnAFreshConnection() throws Exception {
    store.put("actors", "a1", bytes("before"));
    redis.kill();
    redis.restart();

    // The store's idle connection is from before the restart; the write must not fail on it.
    store.put("actors", "a2", bytes("after"));

    assertThat(text(store.load("actors")))
        .containsEntry("a1", "before")
        .containsEntry("a2", "after");
  }

  @Test
  void anUnreachableRedisAtOpenIsStoreUnavailableNamingHostAndPort() {
    int nobody = RedisServerProcess.freePort();

    assertThatThrownBy(() -> GcsStores.open("redis://127.0.0.1:" + nobody, NO_ENV))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + nobody)
        .hasMessageContaining("Connection refused");
  }

  @Test
  void aPasswordFromTheEnvironmentIsUsedWhenTheUriHasNone() throws Exception {
    try (RedisServerProcess guarded = RedisServerProcess.start(temp.resolve("env"), "s3cret");
        GcsStore withEnv =
            GcsStores.open(guarded.uri(), Map.of(RedisLocation.PASSWORD_ENV, "s3cret"))) {
      withEnv.put("kv", "k", bytes("v"));

      assertThat(text(withEnv.load("kv"))).containsExactlyEntriesOf(Map.of("k", "v"));
      assertThat(withEnv.describe()).doesNotContain("s3cret");
    }
  }

  @Test
  void aPasswordInTheUriIsUsedAndNeverDescribed() throws Exception {
    try (RedisServerProcess guarded = RedisServerProcess.start(temp.resolve("uri"), "p@ss:word");
        GcsStore withUri =
            GcsStores.open(
                "redis://default:p%40ss:word@" + guarded.address(),
                Map.of(RedisLocation.PASSWORD_ENV, "not this one"))) {
      withUri.put("kv", "k", bytes("v"));

      assertThat(withUri.describe()).isEqualTo("redis://" + guarded.address() + "/0");
      assertThat(withUri.toString()).doesNotContain("p@ss");
    }
  }

  @Test
  void aWrongPasswordIsRefusedSayingAuthenticationFailed() throws Exception {
    try (RedisServerProcess guarded = RedisServerProcess.start(temp.resolve("wrong"), "s3cret")) {
      assertThatThrownBy(() -> GcsStores.open("redis://:wrong@" + guarded.address(), NO_ENV))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("authentication failed")
          .hasMessageContaining(guarded.address())
          .hasMessageNotContaining("wrong@");
    }
  }

  @Test
  void noPasswordForAServerThatAsksForOneIsRefusedSayingAuthenticationFailed() throws Exception {
    try (RedisServerProcess guarded = RedisServerProcess.start(temp.resolve("none"), "s3cret")) {
      assertThatThrownBy(() -> GcsStores.open(guarded.uri(), NO_ENV))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("authentication failed")
          .hasMessageContaining(RedisLocation.PASSWORD_ENV);
    }
  }
}

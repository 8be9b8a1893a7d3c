package io.rustyray.runtime.gcs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GcsStore} does, run against each implementation by a subclass that says how to
 * open one on a fresh backend and how to open it again on the same backend.
 */
abstract class GcsStoreContract {
  protected GcsStore store;

  /** Makes the backend empty (a new directory, a flushed database) before each test. */
  protected abstract void emptyBackend() throws Exception;

  /** Opens a store on the current backend; called again to see what a new head would see. */
  protected abstract GcsStore openStore() throws Exception;

  @BeforeEach
  void openOnAnEmptyBackend() throws Exception {
    emptyBackend();
    store = openStore();
  }

  @AfterEach
  void closeTheStore() {
    store.close();
  }

  @Test
  void aPutIsReadBackByLoad() throws Exception {
    store.put("actors", "a1", bytes("alive"));
    store.put("actors", "name:ü/ß", bytes("keys are any text"));

    assertThat(text(store.load("actors")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a1", "alive", "name:ü/ß", "keys are any text"));
  }

  @Test
  void aSecondPutOfAKeyReplacesItsValue() throws Exception {
    store.put("actors", "a1", bytes("pending"));
    store.put("actors", "a1", bytes("alive"));

    assertThat(text(store.load("actors"))).containsExactlyEntriesOf(Map.of("a1", "alive"));
  }

  @Test
  void aDeletedKeyIsGoneFromLoadAndTheOthersStay() throws Exception {
    store.put("actors", "a1", bytes("x"));
    store.put("actors", "a2", bytes("y"));

    store.delete("actors", "a1");

    assertThat(text(store.load("actors"))).containsExactlyEntriesOf(Map.of("a2", "y"));
  }

  @Test
  void deletingAnAbsentKeyOrFromAnAbsentTableIsNoError() throws Exception {
    store.put("actors", "a1", bytes("x"));

    store.delete("actors", "never-written");
    store.delete("never-written-table", "a1");

    assertThat(text(store.load("actors"))).containsExactlyEntriesOf(Map.of("a1", "x"));
  }

  @Test
  void loadingATableNeverWrittenGivesAnEmptyMap() throws Exception {
    assertThat(store.load("jobs")).isEmpty();
  }

  @Test
  void tablesAreSeparateEvenForTheSameKey() throws Exception {
    store.put("actors", "k", bytes("an actor"));
    store.put("jobs", "k", bytes("a job"));

    assertThat(text(store.load("actors"))).containsExactlyEntriesOf(Map.of("k", "an actor"));
    assertThat(text(store.load("jobs"))).containsExactlyEntriesOf(Map.of("k", "a job"));
  }

  @Test
  void everyByteValueAndTheEmptyValueComeBackUnchanged() throws Exception {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    store.put("kv", "all", all);
    store.put("kv", "empty", new byte[0]);

    Map<String, byte[]> loaded = store.load("kv");

    assertThat(loaded.get("all")).containsExactly(all);
    assertThat(loaded.get("empty")).isEmpty();
  }

  @Test
  void changingTheCallersArraysAfterwardsChangesNothingStored() throws Exception {
    byte[] value = bytes("original");
    store.put("kv", "k", value);
    value[0] = 'X';
    store.load("kv").get("k")[1] = 'Y';

    assertThat(text(store.load("kv"))).containsExactlyEntriesOf(Map.of("k", "original"));
  }

  @Test
  void twoThousandKeysAreAllLoaded() throws Exception {
    for (int i = 0; i < 2_000; i++) {
      store.put("nodes", "node-" + i, bytes("v" + i));
    }

    Map<String, String> loaded = text(store.load("nodes"));

    assertThat(loaded)
        .hasSize(2_000)
        .containsEntry("node-0", "v0")
        .containsEntry("node-1999", "v1999");
  }

  @Test
  void aStoreOpenedAgainOnTheSameBackendSeesEverythingWritten() throws Exception {
    assumeTrue(store.durable(), "only a durable store outlives its object");
    store.put("actors", "a1", bytes("alive"));
    store.put("actors", "a2", bytes("dead"));
    store.delete("actors", "a2");
    store.put("kv", "k", bytes("v"));
    store.close();

    store = openStore();

    assertThat(text(store.load("actors"))).containsExactlyEntriesOf(Map.of("a1", "alive"));
    assertThat(text(store.load("kv"))).containsExactlyEntriesOf(Map.of("k", "v"));
  }

  @Test
  void writesFromFourThreadsAtOnceAllLand() throws Exception {
    int threads = 4;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Void> writer =
            () -> {
              start.await();
              for (int i = 0; i < perThread; i++) {
                store.put("actors", thread + "-" + i, bytes("v" + i));
                // Every thread also rewrites one shared key: the last write of some thread wins.
                store.put("shared", "k", bytes("t" + thread));
              }
              return null;
            };
        done.add(pool.submit(writer));
      }
      start.countDown();
      for (Future<Void> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.load("actors")).hasSize(threads * perThread);
    assertThat(text(store.load("shared")).get("k")).isIn("t0", "t1", "t2", "t3");
    if (store.durable()) {
      store.close();
      store = openStore();
      assertThat(store.load("actors")).as("kept, not only in memory").hasSize(threads * perThread);
    }
  }

  @Test
  void anOpenStoreIsReachable() {
    assertThat(store.reachable()).isTrue();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, String> text(Map<String, byte[]> entries) {
    Map<String, String> text = new java.util.HashMap<>();
    entries.forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
    return text;
  }
}

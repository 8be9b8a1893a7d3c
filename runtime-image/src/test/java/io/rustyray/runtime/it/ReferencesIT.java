package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.examples.Borrowing;
import io.rustyray.examples.Counter;
import io.rustyray.examples.Fns;
import io.rustyray.examples.HandleKeeper;
import io.rustyray.examples.RefKeeper;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.NodeInfo;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nested references and borrowers (Ray's ReferenceCountingTest, ObjectRefTransferTest) and actors
 * that end with their last handle (ActorHandleReferenceCountTest, DefaultActorLifetimeTest), on a
 * head and a worker that are separate JVMs; the driver is this test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferencesIT {
  private static final int MIB = 1024 * 1024;
  private static final Duration GET = Duration.ofSeconds(60);
  private static final String TOKEN = "references-token-" + System.nanoTime();
  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.startHead(TOKEN, "--resources", "{\"cpu\": 2}");
    cluster.startWorker("borrower", "{\"cpu\": 2}");
    Rusty.init(cluster.address(), TOKEN);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Rusty.shutdown();
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Puts go to the head's node: its store's object count shows what is kept. */
  private static long headStoreObjects() {
    return cluster.node("head").map(NodeInfo::getStoreObjects).orElseThrow();
  }

  private static ActorInfo actor(String actorId) {
    return cluster.actor(actorId).orElseThrow();
  }

  @Test
  @Order(1)
  void aBorrowerKeepsAnObjectAfterItsOwnerDroppedItAndTheObjectIsFreedOnceTheBorrowerDropsIt() {
    long baseline = headStoreObjects();
    ActorHandle<RefKeeper> keeper = Rusty.actor(RefKeeper::new).remote();
    byte[] bytes = Fns.blob(2 * MIB, 3L);
    long crc = Fns.crc32(bytes);
    ObjectRef<byte[]> blob = Rusty.put(bytes);
    bytes = null;

    assertThat(keeper.task(RefKeeper::keep, List.of(blob)).remote().get(GET)).isEqualTo(crc);
    await().atMost(Duration.ofSeconds(10)).until(() -> headStoreObjects() >= baseline + 1);

    // The driver, the object's owner, drops its reference: the keeper still borrows it.
    WeakReference<ObjectRef<byte[]>> ownersRef = new WeakReference<>(blob);
    blob = null;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              System.gc();
              return ownersRef.get() == null;
            });
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> headStoreObjects() >= baseline + 1);
    assertThat(keeper.task(RefKeeper::readKept).remote().get(GET)).isEqualTo(crc);

    // The borrower drops it too: the head frees it on the node.
    keeper.task(RefKeeper::drop).remote().get(GET);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              keeper.task(RefKeeper::collect).remote().get(GET);
              return headStoreObjects() <= baseline;
            });
  }

  @Test
  @Order(2)
  void aReferenceInsideAPutListKeepsItsObjectUntilTheListIsDropped() {
    long baseline = headStoreObjects();
    ObjectRef<byte[]> inner = Rusty.put(Fns.blob(2 * MIB, 4L));
    ObjectRef<List<ObjectRef<byte[]>>> outer = Rusty.put(List.of(inner));
    await().atMost(Duration.ofSeconds(10)).until(() -> headStoreObjects() >= baseline + 1);

    WeakReference<ObjectRef<byte[]>> innerRef = new WeakReference<>(inner);
    inner = null;
    awaitCollected(innerRef);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> headStoreObjects() >= baseline + 1);
    ObjectRef<?> pinned = (ObjectRef<?>) outer.get(GET).get(0);
    assertThat(Fns.crc32((byte[]) pinned.get(GET))).isEqualTo(Fns.crc32(Fns.blob(2 * MIB, 4L)));
    pinned = null;

    WeakReference<ObjectRef<List<ObjectRef<byte[]>>>> outerRef = new WeakReference<>(outer);
    outer = null;
    awaitCollected(outerRef);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              System.gc();
              return headStoreObjects() <= baseline;
            });
  }

  private static void awaitCollected(WeakReference<?> ref) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              System.gc();
              return ref.get() == null;
            });
  }

  @Test
  @Order(3)
  void aBorrowerWhoseOwnerDiedGetsObjectLostExceptionSayingSo() {
    ActorHandle<RefKeeper> owner = Rusty.actor(RefKeeper::new).remote();
    long pid = owner.task(RefKeeper::pid).remote().get(GET);
    Borrowing.BlobRef made = owner.task(RefKeeper::make, 2 * MIB, 5L).remote().get(GET);
    assertThat(Fns.crc32(made.blob().get(GET))).isEqualTo(made.crc());

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> made.blob().get(GET))
                    .isInstanceOf(ObjectLostException.class)
                    .hasMessageContaining("its owner")
                    .hasMessageContaining("died"));
  }

  @Test
  @Order(4)
  void aListOfPutsOfReferencesIsReadThroughBothLevelsByATask() {
    ObjectRef<String> inner = Rusty.put("inner");
    ObjectRef<ObjectRef<String>> outer = Rusty.put(inner);

    assertThat(Rusty.task(Borrowing::readNested, List.of(outer)).remote().get(GET))
        .isEqualTo("inner");
  }

  @Test
  @Order(5)
  void aListOfReferencesPassedToATaskIsResolvedThere() {
    List<ObjectRef<Integer>> refs =
        List.of(Rusty.put(1), Rusty.put(2), Rusty.task(Fns::add, 1, 2).remote());

    int sum = Rusty.task(Borrowing::sumAll, refs).remote().get(GET);

    assertThat(sum).isEqualTo(6);
  }

  @Test
  @Order(6)
  void aTaskReturnsAReferenceItCreatedAndTheDriverReadsItsValue() {
    ObjectRef<ObjectRef<String>> outer =
        Rusty.task(Borrowing::putAndReturn, "made in a task").remote();

    assertThat(outer.get(GET).get(GET)).isEqualTo("made in a task");
  }

  @Test
  @Order(7)
  void aLargeObjectPutInsideATaskComesBackInsideAPojoAndReadsIntact() {
    Borrowing.BlobRef result =
        Rusty.task(Borrowing::putBlobAndReturn, 2 * MIB, 11L).remote().get(GET);

    assertThat(Fns.crc32(result.blob().get(GET))).isEqualTo(result.crc());
  }

  @Test
  @Order(8)
  void referencesPassedOnByATaskComeBackAsLiveReferences() {
    ObjectRef<Integer> large = Rusty.task(Fns::add, 20, 22).remote();

    List<ObjectRef<Integer>> back =
        Rusty.task(Borrowing::passOn, List.of(Rusty.put(7), large)).remote().get(GET);

    assertThat(Rusty.get(back)).containsExactly(7, 42);
  }

  @Test
  @Order(9)
  void aPutOfAReferenceAndAPutOfAListOfReferencesReadBackAsReferences() {
    ObjectRef<Integer> inner = Rusty.put(42);

    ObjectRef<ObjectRef<Integer>> single = Rusty.put(inner);
    ObjectRef<List<ObjectRef<Integer>>> list = Rusty.put(List.of(inner, Rusty.put(43)));

    assertThat(single.get(GET).get(GET)).isEqualTo(42);
    assertThat(((ObjectRef<?>) list.get(GET).get(1)).get(GET)).isEqualTo(43);
    // The put list, passed to a task, is read there as references.
    assertThat(Rusty.task(Borrowing::sumAll, list).remote().get(GET)).isEqualTo(85);
  }

  @Test
  @Order(10)
  void anUnnamedActorWhoseHandlesAreAllUnreachableEndsWhileNamedAndDetachedOnesStay() {
    String suffix = Long.toString(System.nanoTime());
    ActorHandle<Counter> unnamed = Rusty.actor(Counter::new, 0).remote();
    ActorHandle<Counter> named = Rusty.actor(Counter::new, 0).setName("kept-" + suffix).remote();
    ActorHandle<Counter> detached =
        Rusty.actor(Counter::new, 0).setName("detached-" + suffix).setDetached(true).remote();
    assertThat(unnamed.task(Counter::increment).remote().get(GET)).isEqualTo(1);
    assertThat(named.task(Counter::increment).remote().get(GET)).isEqualTo(1);
    assertThat(detached.task(Counter::increment).remote().get(GET)).isEqualTo(1);
    String unnamedId = unnamed.getId();
    String namedId = named.getId();
    String detachedId = detached.getId();

    unnamed = null;
    named = null;
    detached = null;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              System.gc();
              return actor(unnamedId).getState() == ActorState.DEAD;
            });

    assertThat(actor(unnamedId).getDeathCause()).contains("handles went out of scope");
    assertThat(actor(namedId).getState()).isEqualTo(ActorState.ALIVE);
    assertThat(actor(detachedId).getState()).isEqualTo(ActorState.ALIVE);
    Rusty.getActor("kept-" + suffix).orElseThrow().kill();
    Rusty.getActor("detached-" + suffix).orElseThrow().kill();
  }

  @Test
  @Order(11)
  void anActorHandlePassedToAnotherActorKeepsTheActorAliveAfterTheCreatorDroppedIt() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 5).remote();
    String counterId = counter.getId();
    ActorHandle<HandleKeeper> keeper = Rusty.actor(HandleKeeper::new).remote();
    keeper.task(HandleKeeper::keep, List.of(counter)).remote().get(GET);

    WeakReference<ActorHandle<Counter>> creatorsHandle = new WeakReference<>(counter);
    counter = null;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              System.gc();
              return creatorsHandle.get() == null;
            });
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> actor(counterId).getState() == ActorState.ALIVE);
    assertThat(keeper.task(HandleKeeper::incrementKept).remote().get(GET)).isEqualTo(6);

    keeper.task(HandleKeeper::drop).remote().get(GET);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              keeper.task(HandleKeeper::drop).remote().get(GET);
              return actor(counterId).getState() == ActorState.DEAD;
            });
    assertThat(actor(counterId).getDeathCause()).contains("handles went out of scope");
  }
}

package io.rustyray.protocol.concurrencygroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.protocol.proto.ConcurrencyGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyGroupExecutorsTest {
  private final ConcurrencyGroupExecutors executors =
      ConcurrencyGroupExecutors.ownThreads(
          "actor-1",
          1,
          new ConcurrencyGroupRouting(
              List.of(
                  ConcurrencyGroupSpec.newBuilder().setName("io").setMaxConcurrency(2).build(),
                  ConcurrencyGroupSpec.newBuilder()
                      .setName("compute")
                      .setMaxConcurrency(1)
                      .build())));

  @AfterEach
  void stop() {
    executors.shutdownNow();
  }

  private CompletableFuture<String> run(String group, Runnable work) {
    CompletableFuture<String> done = new CompletableFuture<>();
    executors.execute(
        group,
        () -> {
          work.run();
          done.complete(Thread.currentThread().getName());
        });
    return done;
  }

  @Test
  void aGroupBusyToItsLimitHoldsUpNeitherOtherGroupsNorTheDefaultGroup() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CompletableFuture<String> blocked1 = run("io", () -> await(gate));
    CompletableFuture<String> blocked2 = run("io", () -> await(gate));

    CompletableFuture<String> compute = run("compute", () -> {});
    CompletableFuture<String> byDefault = run(ConcurrencyGroupRouting.DEFAULT_GROUP, () -> {});

    assertThat(compute.get(10, TimeUnit.SECONDS)).startsWith("actor-1-compute-");
    assertThat(byDefault.get(10, TimeUnit.SECONDS)).startsWith("actor-1-default-");
    assertThat(blocked1).isNotDone();
    gate.countDown();
    assertThat(blocked1.get(10, TimeUnit.SECONDS)).startsWith("actor-1-io-");
    blocked2.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aGroupOfTwoRunsTwoCallsAtOnceAndNeverThree() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch bothIn = new CountDownLatch(2);
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(
          run(
              "io",
              () -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                bothIn.countDown();
                await(bothIn);
                sleep(20);
                inside.decrementAndGet();
              }));
    }

    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    assertThat(most).hasValue(2);
  }

  @Test
  void aGroupOfOneRunsItsCallsInOrderOnOneThread() throws Exception {
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      calls.add(run("compute", () -> order.add(n)));
    }

    List<String> threads = new ArrayList<>();
    for (CompletableFuture<String> call : calls) {
      threads.add(call.get(10, TimeUnit.SECONDS));
    }

    assertThat(order).isSorted().hasSize(50);
    assertThat(threads).containsOnly(threads.get(0));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

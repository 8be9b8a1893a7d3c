package io.rustyray.runtime.bench;

import io.grpc.ManagedChannel;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.Checkpoint;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.function.RustyFunc0;
import io.rustyray.api.function.RustyFunc1;
import io.rustyray.api.options.CallOptions;
import io.rustyray.api.runtime.RustyRuntime;
import io.rustyray.protocol.proto.NodeServiceGrpc;
import io.rustyray.protocol.proto.PingRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Ray's core microbenchmarks (python/ray/_private/ray_perf.py), under the same names and units, run
 * through the SDK against a live cluster. Each figure is the mean of several timed rounds after a
 * warm-up round.
 */
public final class Microbenchmarks {
  private static final Duration GET_TIMEOUT = Duration.ofMinutes(5);

  private final ManagedChannel head;
  private final Supplier<RustyRuntime> newJob;
  private final int rounds;
  private final double scale;
  private final Consumer<Object> report;
  private final List<Figure> figures = new ArrayList<>();

  /**
   * @param head a channel to the head, for the bare round trip baseline
   * @param newJob connects another client, as a new job, to time its workers' start
   * @param rounds timed rounds per benchmark
   * @param scale multiplies the work per round (1 is the default size)
   * @param report told each figure and latency as soon as it is measured
   */
  public Microbenchmarks(
      ManagedChannel head,
      Supplier<RustyRuntime> newJob,
      int rounds,
      double scale,
      Consumer<Object> report) {
    this.head = head;
    this.newJob = newJob;
    this.rounds = rounds;
    this.scale = scale;
    this.report = report;
  }

  /** The figures measured so far, in order. */
  public List<Figure> figures() {
    return List.copyOf(figures);
  }

  private interface Round {
    /** Does one round's work and returns how many units it did. */
    double run() throws Exception;
  }

  private int n(int base) {
    return Math.max(1, (int) (base * scale));
  }

  private interface TimedRound {
    /** Does one round's work, timing only the part that counts; returns its rate. */
    double rate() throws Exception;
  }

  private Figure measure(String name, String unit, Round round) throws Exception {
    return measureRate(
        name,
        unit,
        () -> {
          long start = System.nanoTime();
          double units = round.run();
          return units / ((System.nanoTime() - start) / 1e9);
        });
  }

  private Figure measureRate(String name, String unit, TimedRound round) throws Exception {
    round.rate();
    List<Double> rates = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      rates.add(round.rate());
    }
    Figure figure = Figure.of(name, unit, rates);
    figures.add(figure);
    report.accept(figure);
    return figure;
  }

  /**
   * Times what a worker process's start costs: the first task of a new job (a worker starts on its
   * node), a later task of that job once its workers are warm on every node, and the first call of
   * a new actor (a worker of its own).
   */
  private void workerStartup() {
    RustyFunc0<Integer> small = BenchFns::smallValue;
    CallOptions options = new CallOptions(Map.of(), CallOptions.DEFAULT_MAX_RETRIES);
    List<Double> firstTasks = new ArrayList<>();
    List<Double> warmTasks = new ArrayList<>();
    List<Double> firstCalls = new ArrayList<>();
    for (int i = 0; i < Math.max(3, rounds); i++) {
      try (RustyRuntime job = newJob.get()) {
        long start = System.nanoTime();
        job.submitTask(small, new Object[0], options).get(GET_TIMEOUT);
        firstTasks.add(millisSince(start));
        // Tasks spread over the nodes: a batch starts the job's worker on each of them.
        List<ObjectRef<Object>> warmUp = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          warmUp.add(job.submitTask(small, new Object[0], options));
        }
        for (ObjectRef<Object> ref : warmUp) {
          ref.get(GET_TIMEOUT);
        }
        start = System.nanoTime();
        job.submitTask(small, new Object[0], options).get(GET_TIMEOUT);
        warmTasks.add(millisSince(start));
      }
      long start = System.nanoTime();
      ActorHandle<BenchActor> actor = Rusty.actor(BenchActor::new).remote();
      actor.task(BenchActor::smallValue).remote().get(GET_TIMEOUT);
      firstCalls.add(millisSince(start));
      actor.kill();
    }
    report.accept(Latency.of("worker_start_first_task_of_a_new_job", firstTasks));
    report.accept(Latency.of("warm_worker_next_task_of_the_job", warmTasks));
    report.accept(Latency.of("worker_start_first_call_of_an_actor", firstCalls));
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  /**
   * What keeping an actor's state after every call costs: the same sync and async calls to a plain
   * actor and to a durable one ({@code Checkpoint.everyCall()}), on the cluster's own head store.
   *
   * @return the figures, plain before durable
   */
  public List<Figure> durableCalls() throws Exception {
    ActorHandle<BenchActor> plain = Rusty.actor(BenchActor::new).remote();
    ActorHandle<BenchDurableActor> durable =
        Rusty.actor(BenchDurableActor::new).setCheckpoint(Checkpoint.everyCall()).remote();
    plain.task(BenchActor::smallValue).remote().get(GET_TIMEOUT);
    durable.task(BenchDurableActor::smallValue).remote().get(GET_TIMEOUT);
    List<Figure> measured = new ArrayList<>();
    measured.add(
        measure(
            "1_1_actor_calls_sync",
            "calls/s",
            () -> syncCalls(plain, BenchActor::smallValue, n(2_000))));
    measured.add(
        measure(
            "1_1_actor_calls_sync_durable",
            "calls/s",
            () -> syncCalls(durable, BenchDurableActor::smallValue, n(2_000))));
    measured.add(
        measure("1_1_actor_calls_async", "calls/s", () -> asyncCalls(List.of(plain), n(10_000))));
    measured.add(
        measure(
            "1_1_actor_calls_async_durable",
            "calls/s",
            () -> asyncCalls(List.of(durable), BenchDurableActor::smallValue, n(10_000))));
    plain.kill();
    durable.kill();
    return measured;
  }

  /** Runs them all; returns the figures in the order measured. */
  public List<Figure> runAll() throws Exception {
    NodeServiceGrpc.NodeServiceBlockingStub ping = NodeServiceGrpc.newBlockingStub(head);
    measure(
        "grpc_unary_round_trip_sync",
        "calls/s",
        () -> {
          int calls = n(2_000);
          // One deadline for the whole run: a head that hangs ends the benchmark, not each call.
          NodeServiceGrpc.NodeServiceBlockingStub bounded =
              ping.withDeadlineAfter(5, TimeUnit.MINUTES);
          for (int i = 0; i < calls; i++) {
            bounded.ping(PingRequest.getDefaultInstance());
          }
          return calls;
        });

    measure(
        "single_client_tasks_sync",
        "tasks/s",
        () -> {
          int tasks = n(500);
          for (int i = 0; i < tasks; i++) {
            Rusty.task(BenchFns::smallValue).remote().get(GET_TIMEOUT);
          }
          return tasks;
        });
    measure(
        "single_client_tasks_async",
        "tasks/s",
        () -> {
          int tasks = n(5_000);
          List<ObjectRef<Integer>> refs = new ArrayList<>(tasks);
          for (int i = 0; i < tasks; i++) {
            refs.add(Rusty.task(BenchFns::smallValue).remote());
          }
          Rusty.get(refs, GET_TIMEOUT);
          return tasks;
        });

    ActorHandle<BenchActor> actor = Rusty.actor(BenchActor::new).remote();
    actor.task(BenchActor::smallValue).remote().get(GET_TIMEOUT);
    measure(
        "1_1_actor_calls_sync",
        "calls/s",
        () -> syncCalls(actor, BenchActor::smallValue, n(2_000)));
    measure("1_1_actor_calls_async", "calls/s", () -> asyncCalls(List.of(actor), n(10_000)));

    ActorHandle<BenchActor> concurrent =
        Rusty.actor(BenchActor::new).setMaxConcurrency(16).remote();
    concurrent.task(BenchActor::smallValue).remote().get(GET_TIMEOUT);
    measure(
        "1_1_actor_calls_concurrent", "calls/s", () -> asyncCalls(List.of(concurrent), n(10_000)));

    int slots = Math.max(2, Runtime.getRuntime().availableProcessors());
    List<ActorHandle<BenchActor>> many = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      many.add(Rusty.actor(BenchActor::new).remote());
    }
    measure("1_n_actor_calls_async", "calls/s", () -> asyncCalls(many, n(10_000)));

    List<ActorHandle<BenchClient>> clients = new ArrayList<>();
    for (ActorHandle<BenchActor> target : many) {
      clients.add(Rusty.actor(BenchClient::new, target).remote());
    }
    measure(
        "n_n_actor_calls_async",
        "calls/s",
        () -> {
          int perClient = n(5_000);
          List<ObjectRef<Integer>> batches = new ArrayList<>();
          for (ActorHandle<BenchClient> client : clients) {
            batches.add(client.task(BenchClient::callBatch, perClient).remote());
          }
          return Rusty.get(batches, GET_TIMEOUT).stream().mapToInt(Integer::intValue).sum();
        });
    clients.forEach(ActorHandle::kill);
    many.forEach(ActorHandle::kill);
    actor.kill();
    concurrent.kill();

    Integer small = 0;
    measure(
        "single_client_put_calls",
        "puts/s",
        () -> {
          int puts = n(20_000);
          for (int i = 0; i < puts; i++) {
            Rusty.put(small);
          }
          return puts;
        });
    ObjectRef<Integer> stored = Rusty.put(small);
    measure(
        "single_client_get_calls",
        "gets/s",
        () -> {
          int gets = n(20_000);
          for (int i = 0; i < gets; i++) {
            stored.get();
          }
          return gets;
        });
    byte[] big = new byte[n(100) * 1024 * 1024];
    measure(
        "single_client_put_gigabytes",
        "GB/s",
        () -> {
          int puts = 4;
          for (int i = 0; i < puts; i++) {
            Rusty.put(big);
          }
          return puts * (double) big.length / 1e9;
        });
    measure(
        "single_client_wait_1k_refs",
        "waits/s",
        () -> {
          List<ObjectRef<Integer>> refs = new ArrayList<>(1000);
          for (int i = 0; i < 1000; i++) {
            refs.add(Rusty.task(BenchFns::smallValue).remote());
          }
          Rusty.wait(refs, refs.size(), GET_TIMEOUT);
          return 1;
        });
    measureRate(
        "get_object_across_nodes_gigabytes",
        "GB/s",
        () -> {
          // Made and kept by a worker's store; this process (not that worker) gets it: the
          // chunked transfer and the decoding are timed, the making is not.
          int size = n(200) * 1024 * 1024;
          ObjectRef<byte[]> made = Rusty.task(BenchFns::bytes, size).remote();
          Rusty.wait(List.of(made), GET_TIMEOUT);
          long start = System.nanoTime();
          int length = made.get(GET_TIMEOUT).length;
          return length / 1e9 / ((System.nanoTime() - start) / 1e9);
        });
    durableCalls();
    workerStartup();
    return figures;
  }

  private static double asyncCalls(List<ActorHandle<BenchActor>> actors, int calls) {
    return asyncCalls(actors, BenchActor::smallValue, calls);
  }

  private static <A> double asyncCalls(
      List<ActorHandle<A>> actors, RustyFunc1<A, Integer> method, int calls) {
    List<ObjectRef<Integer>> refs = new ArrayList<>(calls);
    for (int i = 0; i < calls; i++) {
      refs.add(actors.get(i % actors.size()).task(method).remote());
    }
    Rusty.get(refs, GET_TIMEOUT);
    return calls;
  }

  private static <A> double syncCalls(
      ActorHandle<A> actor, RustyFunc1<A, Integer> method, int calls) {
    for (int i = 0; i < calls; i++) {
      actor.task(method).remote().get(GET_TIMEOUT);
    }
    return calls;
  }
}

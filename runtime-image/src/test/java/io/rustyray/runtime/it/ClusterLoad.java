package io.rustyray.runtime.it;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.exception.RustyTimeoutException;
import io.rustyray.examples.Counter;
import io.rustyray.examples.Fns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls that never stop while faults are injected: one thread per counter incrementing it through
 * the handle this process holds, and one submitting tasks. {@link #pause} waits until no call is in
 * flight, so that the checks can take their turn with the counters.
 */
final class ClusterLoad implements AutoCloseable {
  /** Longer than any fault and its recovery: a call still waiting then hangs. */
  static final Duration CALL_BOUND = Duration.ofSeconds(60);

  private static final int TASKS_IN_FLIGHT = 4;

  private final List<Thread> threads = new ArrayList<>();
  private final Object turn = new Object();
  private boolean paused;
  private int busy;
  private volatile boolean stopped;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();
  private final Map<String, AtomicLong> taskFailures = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> callFailures = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> hung = ConcurrentHashMap.newKeySet();
  private volatile int round;

  /** Starts the callers: {@code counters} by their ledgers, and the task submitter. */
  static ClusterLoad start(Map<CounterLedger, ActorHandle<Counter>> counters) {
    ClusterLoad load = new ClusterLoad();
    counters.forEach(
        (ledger, handle) -> load.spawn("calls-" + ledger.name(), () -> load.call(ledger, handle)));
    load.spawn("tasks", load::submitTasks);
    return load;
  }

  private void spawn(String name, Runnable body) {
    Thread thread =
        new Thread(
            () -> {
              while (!stopped) {
                if (!awaitTurn()) {
                  return;
                }
                try {
                  body.run();
                } finally {
                  endTurn();
                }
              }
            },
            name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void call(CounterLedger ledger, ActorHandle<Counter> counter) {
    if (hung.contains(ledger.name())) {
      // Reported once: every later call would wait out the bound too, and say nothing new.
      pauseMillis(500);
      return;
    }
    try {
      int value = counter.task(Counter::increment).remote().get(CALL_BOUND);
      calls.incrementAndGet();
      ledger.acknowledged(value, "the old client");
    } catch (RustyTimeoutException e) {
      ledger.outcomeUnknown();
      if (hung.add(ledger.name())) {
        violations.add(
            "round "
                + round
                + ": the old client's call to "
                + ledger.name()
                + " did not answer within "
                + CALL_BOUND.toSeconds()
                + " s: "
                + e.getMessage());
      }
    } catch (ActorDiedException e) {
      // Reported by the round's check; calling a dead actor in a tight loop only burns the cores.
      ledger.outcomeUnknown();
      callFailures.computeIfAbsent(kind(e), k -> new AtomicLong()).incrementAndGet();
      pauseMillis(500);
    } catch (RustyException e) {
      // Whatever the exception says, the call was sent and may have run: never count it as lost.
      ledger.outcomeUnknown();
      callFailures.computeIfAbsent(kind(e), k -> new AtomicLong()).incrementAndGet();
    }
    // Leaves the two cores to the cluster: a starved node misses heartbeats on its own.
    pauseMillis(20);
  }

  private void submitTasks() {
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < TASKS_IN_FLIGHT; i++) {
      int a = (int) (tasks.get() % 1000);
      refs.add(Rusty.task(Fns::add, a, i).remote());
      expected.add(a + i);
    }
    for (int i = 0; i < refs.size(); i++) {
      try {
        int value = refs.get(i).get(CALL_BOUND);
        if (value != expected.get(i)) {
          violations.add(
              "round " + round + ": a task returned " + value + " instead of " + expected.get(i));
        }
      } catch (RustyTimeoutException e) {
        violations.add("round " + round + ": a task hung: " + e.getMessage());
      } catch (RustyException e) {
        taskFailures.computeIfAbsent(kind(e), k -> new AtomicLong()).incrementAndGet();
      } catch (RuntimeException e) {
        violations.add("round " + round + ": a task failed without a RustyException: " + e);
      }
      tasks.incrementAndGet();
    }
    pauseMillis(100);
  }

  private static String kind(RustyException e) {
    String message = String.valueOf(e.getMessage());
    return e.getClass().getSimpleName()
        + ": "
        + (message.length() > 90 ? message.substring(0, 90) + "..." : message);
  }

  private boolean awaitTurn() {
    synchronized (turn) {
      while (paused && !stopped) {
        try {
          turn.wait();
        } catch (InterruptedException e) {
          return false;
        }
      }
      busy++;
      return !stopped;
    }
  }

  private void endTurn() {
    synchronized (turn) {
      busy--;
      turn.notifyAll();
    }
  }

  /** Stops the callers after their current call, and waits until none is in flight. */
  void pause() throws InterruptedException {
    synchronized (turn) {
      paused = true;
      while (busy > 0) {
        turn.wait();
      }
    }
  }

  void resume() {
    synchronized (turn) {
      paused = false;
      turn.notifyAll();
    }
  }

  /** The counter's calls from this process hang: the callers and the checks leave it alone. */
  void hung(String counter) {
    hung.add(counter);
  }

  /** A new runtime took over this process's calls: the counter is called again. */
  void unhung(String counter) {
    hung.remove(counter);
  }

  /** The round that violations are reported under. */
  void round(int round) {
    this.round = round;
  }

  boolean isHung(String counter) {
    return hung.contains(counter);
  }

  long calls() {
    return calls.get();
  }

  long tasks() {
    return tasks.get();
  }

  /** Task failures by kind since the last call, then forgotten. */
  Map<String, Long> drainTaskFailures() {
    return drain(taskFailures);
  }

  /** Actor call failures by kind since the last call, then forgotten. */
  Map<String, Long> drainCallFailures() {
    return drain(callFailures);
  }

  private static Map<String, Long> drain(Map<String, AtomicLong> failures) {
    Map<String, Long> drained = new TreeMap<>();
    failures.forEach((k, v) -> drained.put(k, v.getAndSet(0)));
    drained.values().removeIf(n -> n == 0);
    return drained;
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  private static void pauseMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    resume();
    for (Thread thread : threads) {
      // Daemon threads: one still waiting on a hung call need not hold up the report.
      thread.join(5_000);
    }
  }
}

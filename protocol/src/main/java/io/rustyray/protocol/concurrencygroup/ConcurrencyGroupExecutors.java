package io.rustyray.protocol.concurrencygroup;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An actor's executors, one per concurrency group and one for the default group. Each starts its
 * calls in the order it is given them, at most its group's limit at once; a group busy to its limit
 * holds up none of the others.
 */
public final class ConcurrencyGroupExecutors {
  /** Threads end when idle, so that an actor that is seldom called does not hold them. */
  private static final long IDLE_THREAD_SECONDS = 30;

  /** Makes the executor of one group. */
  @FunctionalInterface
  public interface ExecutorFactory {
    /**
     * @param group the group's name, {@link ConcurrencyGroupRouting#DEFAULT_GROUP} for the default
     * @param maxConcurrency how many of its calls may run at once
     * @return an executor that starts tasks in order, at most {@code maxConcurrency} at once
     */
    Executor create(String group, int maxConcurrency);
  }

  private final ConcurrencyGroupRouting routing;
  private final Map<String, Executor> executors = new HashMap<>();

  /**
   * @param defaultMaxConcurrency the actor's maxConcurrency, the default group's limit
   * @param routing the actor's groups
   * @param factory makes each group's executor
   */
  public ConcurrencyGroupExecutors(
      int defaultMaxConcurrency, ConcurrencyGroupRouting routing, ExecutorFactory factory) {
    this.routing = routing;
    executors.put(
        ConcurrencyGroupRouting.DEFAULT_GROUP,
        factory.create(ConcurrencyGroupRouting.DEFAULT_GROUP, Math.max(1, defaultMaxConcurrency)));
    routing.groups().forEach((name, limit) -> executors.put(name, factory.create(name, limit)));
  }

  /**
   * Executors with threads of their own per group, as many as the group's limit (Ray's: the calls
   * of a group of one all run on one thread), named {@code <prefix>-<group>-<n>}.
   *
   * @param threadPrefix names the threads, such as the actor's id
   * @param defaultMaxConcurrency the actor's maxConcurrency
   * @param routing the actor's groups
   * @return the executors
   */
  public static ConcurrencyGroupExecutors ownThreads(
      String threadPrefix, int defaultMaxConcurrency, ConcurrencyGroupRouting routing) {
    return new ConcurrencyGroupExecutors(
        defaultMaxConcurrency,
        routing,
        (group, limit) -> {
          ThreadPoolExecutor pool =
              new ThreadPoolExecutor(
                  limit,
                  limit,
                  IDLE_THREAD_SECONDS,
                  TimeUnit.SECONDS,
                  new LinkedBlockingQueue<>(),
                  daemonThreads(threadPrefix + "-" + (group.isEmpty() ? "default" : group)));
          pool.allowCoreThreadTimeOut(true);
          return pool;
        });
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The groups' names and limits, and which group a call runs in. */
  public ConcurrencyGroupRouting routing() {
    return routing;
  }

  /**
   * @param group a group that {@link #routing()} returned
   * @param task what to run in its turn there
   * @throws java.util.concurrent.RejectedExecutionException once the executors are shut down
   */
  public void execute(String group, Runnable task) {
    Executor executor = executors.get(group);
    if (executor == null) {
      throw new IllegalArgumentException("no concurrency group named " + group);
    }
    executor.execute(task);
  }

  /** The default group's executor, where the actor's own work (its constructor) runs too. */
  public Executor defaultGroup() {
    return executors.get(ConcurrencyGroupRouting.DEFAULT_GROUP);
  }

  /** Takes no new tasks; those given before still run. */
  public void shutdown() {
    executors.values().forEach(e -> stop(e, false));
  }

  /** Takes no new tasks and interrupts those that run. */
  public void shutdownNow() {
    executors.values().forEach(e -> stop(e, true));
  }

  private static void stop(Executor executor, boolean now) {
    if (executor instanceof ExecutorService service) {
      if (now) {
        service.shutdownNow();
      } else {
        service.shutdown();
      }
    }
  }
}

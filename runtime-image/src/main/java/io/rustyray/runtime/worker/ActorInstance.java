package io.rustyray.runtime.worker;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * One live actor in this worker. Calls from each caller start in the order of their sequence
 * numbers, whatever order the network delivered them in. A kill interrupts the calls that run and
 * fails them, so that their callers hear of it at once (in a worker of its own, the whole process
 * ends instead).
 */
final class ActorInstance {
  final String actorId;
  final int incarnation;
  final Object instance;
  final String jobId;
  private final OrderedExecutor executor;
  private final Map<String, CallerQueue> callers = new HashMap<>();
  private final Set<RunningCall> running = ConcurrentHashMap.newKeySet();
  private volatile boolean killed;

  private static final class CallerQueue {
    long next;
    final TreeMap<Long, Runnable> waiting = new TreeMap<>();
  }

  /** A call on its thread, and how to tell its caller that it was abandoned. */
  record RunningCall(Thread thread, Runnable abandon) {}

  ActorInstance(
      String actorId,
      int incarnation,
      Object instance,
      String jobId,
      Executor pool,
      int maxConcurrency) {
    this.actorId = actorId;
    this.incarnation = incarnation;
    this.instance = instance;
    this.jobId = jobId;
    this.executor = new OrderedExecutor(pool, maxConcurrency);
  }

  /**
   * @return false when {@code sequence} was already seen from this caller
   */
  synchronized boolean accept(String callerId, long sequence, Runnable call) {
    CallerQueue queue = callers.computeIfAbsent(callerId, id -> new CallerQueue());
    if (sequence < queue.next || queue.waiting.containsKey(sequence)) {
      return false;
    }
    queue.waiting.put(sequence, call);
    Runnable ready;
    while ((ready = queue.waiting.remove(queue.next)) != null) {
      queue.next++;
      executor.execute(ready);
    }
    return true;
  }

  /** The calling thread starts a call; {@code abandon} fails it if the actor is killed. */
  RunningCall started(Runnable abandon) {
    RunningCall call = new RunningCall(Thread.currentThread(), abandon);
    running.add(call);
    if (killed) {
      abandon(call);
    }
    return call;
  }

  void finished(RunningCall call) {
    running.remove(call);
  }

  void kill() {
    killed = true;
    for (RunningCall call : running) {
      abandon(call);
    }
  }

  private void abandon(RunningCall call) {
    if (running.remove(call)) {
      call.abandon().run();
      call.thread().interrupt();
    }
  }

  boolean killed() {
    return killed;
  }
}

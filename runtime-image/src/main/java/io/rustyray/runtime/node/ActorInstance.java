package io.rustyray.runtime.node;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * One live actor on this node. Calls from each caller start in the order of their sequence numbers,
 * whatever order the network delivered them in.
 */
final class ActorInstance {
  final String actorId;
  final int incarnation;
  final Object instance;
  final String jobId;
  private final OrderedExecutor executor;
  private final Map<String, CallerQueue> callers = new HashMap<>();
  private volatile boolean killed;

  private static final class CallerQueue {
    long next;
    final TreeMap<Long, Runnable> waiting = new TreeMap<>();
  }

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

  void kill() {
    killed = true;
  }

  boolean killed() {
    return killed;
  }
}

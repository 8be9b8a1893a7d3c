package io.rustyray.runtime.worker;

import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupExecutors;
import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupRouting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * One live actor in this worker. Calls from each caller start in the order of their sequence
 * numbers, whatever order the network delivered them in, each in its concurrency group: a call
 * waits for the earlier calls to arrive, not for them to finish, so a group busy to its limit holds
 * up no other group. A kill interrupts the calls that run and fails them, so that their callers
 * hear of it at once (in a worker of its own, the whole process ends instead).
 */
final class ActorInstance {
  final String actorId;
  final int incarnation;
  final Object instance;

  /** The instances of a parallel actor, by index; the one instance of any other actor. */
  final List<Object> instances;

  final String jobId;

  /** Keeps a durable actor's state at the head; null for an actor that keeps none. */
  final ActorCheckpointer checkpointer;

  private final ConcurrencyGroupExecutors groups;
  private final Map<String, CallerQueue> callers = new HashMap<>();
  private final Set<RunningCall> running = ConcurrentHashMap.newKeySet();
  private volatile boolean killed;

  private static final class CallerQueue {
    long next;
    final TreeMap<Long, GroupedCall> waiting = new TreeMap<>();
  }

  /** A call on its thread, and how to tell its caller that it was abandoned. */
  record RunningCall(Thread thread, Runnable abandon) {}

  ActorInstance(
      String actorId,
      int incarnation,
      List<Object> instances,
      String jobId,
      ConcurrencyGroupExecutors groups,
      ActorCheckpointer checkpointer) {
    this.actorId = actorId;
    this.incarnation = incarnation;
    this.instances = List.copyOf(instances);
    this.instance = this.instances.get(0);
    this.jobId = jobId;
    this.checkpointer = checkpointer;
    this.groups = groups;
  }

  /**
   * @param processedUpTo the caller's highest sequence with a final outcome for it and every
   *     earlier one, or -1: a missing call at or below it will never come
   * @param call the call, with the concurrency group it runs in
   * @return false when {@code sequence} was already seen from this caller, or was given up
   */
  synchronized boolean accept(
      String callerId, long sequence, long processedUpTo, GroupedCall call) {
    CallerQueue queue = callers.computeIfAbsent(callerId, id -> new CallerQueue());
    skipTo(queue, processedUpTo);
    if (sequence < queue.next || queue.waiting.containsKey(sequence)) {
      return false;
    }
    queue.waiting.put(sequence, call);
    startReady(queue);
    return true;
  }

  /**
   * The caller has a final outcome for every call up to {@code processedUpTo}: those that never
   * arrived are not waited for any more, so the calls after them start.
   */
  synchronized void skip(String callerId, long processedUpTo) {
    CallerQueue queue = callers.computeIfAbsent(callerId, id -> new CallerQueue());
    skipTo(queue, processedUpTo);
    startReady(queue);
  }

  private void skipTo(CallerQueue queue, long processedUpTo) {
    if (processedUpTo < queue.next) {
      return;
    }
    // A call that did arrive below the mark still starts, in order: its caller gave up on its
    // reply (the wire broke), which leaves "may or may not have run" true either way.
    var arrived = queue.waiting.headMap(processedUpTo, true);
    arrived.values().forEach(this::start);
    arrived.clear();
    queue.next = Math.min(processedUpTo, Long.MAX_VALUE - 1) + 1;
  }

  private void startReady(CallerQueue queue) {
    GroupedCall ready;
    while ((ready = queue.waiting.remove(queue.next)) != null) {
      queue.next++;
      start(ready);
    }
  }

  private void start(GroupedCall routed) {
    if (routed.group() == null) {
      routed.call().run();
      return;
    }
    try {
      groups.execute(routed.group(), routed.call());
    } catch (RejectedExecutionException killedMeanwhile) {
      // The instance's executors are shut down: the call sees that and fails at once.
      routed.call().run();
    }
  }

  /** Which group a call runs in. */
  ConcurrencyGroupRouting routing() {
    return groups.routing();
  }

  /** Runs {@code work} as a call of the default group would, within its concurrency. */
  void runInTurn(Runnable work) {
    start(GroupedCall.inDefaultGroup(work));
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
    // Calls queued in a group still run, and fail at once: the instance is killed.
    groups.shutdown();
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

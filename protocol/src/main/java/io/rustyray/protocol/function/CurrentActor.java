package io.rustyray.protocol.function;

import io.rustyray.api.RuntimeContext;
import java.util.concurrent.Callable;

/**
 * Which actor the calling thread serves, for {@code Rusty.getRuntimeContext()}: a worker process
 * (or local mode) may host several actors, and runs each one's calls on pool threads.
 *
 * @param actorId the actor's id
 * @param incarnation its restart count: above zero in a restarted instance
 */
public record CurrentActor(String actorId, int incarnation) {
  private static final ThreadLocal<CurrentActor> SERVED = new ThreadLocal<>();

  /** Runs {@code work} as code of this actor (its constructor or one of its calls). */
  public <T> T serve(Callable<T> work) throws Exception {
    CurrentActor previous = SERVED.get();
    SERVED.set(this);
    try {
      return work.call();
    } finally {
      SERVED.set(previous);
    }
  }

  /** Where the calling thread's code runs, in no namespace. */
  public static RuntimeContext context(String nodeId, String jobId) {
    return context(nodeId, jobId, "");
  }

  /** Where the calling thread's code runs, in its job's namespace. */
  public static RuntimeContext context(String nodeId, String jobId, String namespace) {
    CurrentActor actor = SERVED.get();
    if (actor == null) {
      return new RuntimeContext(nodeId, jobId, "", false, namespace, AssignedGpus.current());
    }
    return new RuntimeContext(
        nodeId, jobId, actor.actorId, actor.incarnation > 0, namespace, AssignedGpus.current());
  }
}

package io.rustyray.protocol.parallelactor;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.parallelactor.ParallelActorInstance;
import io.rustyray.protocol.proto.ConcurrencyGroupSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A parallel actor's instances each run in a lane of their own: a concurrency group of one, so that
 * each instance's calls run one at a time and in order, and instances run beside each other.
 */
public final class ParallelInstances {
  private ParallelInstances() {}

  /**
   * @param parallelism how many instances the actor holds
   * @return one group of one per instance, named for it
   */
  public static List<ConcurrencyGroupSpec> lanes(int parallelism) {
    List<ConcurrencyGroupSpec> lanes = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      lanes.add(ConcurrencyGroupSpec.newBuilder().setName(lane(i)).setMaxConcurrency(1).build());
    }
    return lanes;
  }

  /**
   * @param index an instance
   * @return the name of its lane
   */
  public static String lane(int index) {
    return "instance-" + index;
  }

  /**
   * @param handle the handle a call was made through
   * @return the instance it reaches: its index for an instance's handle, else 0
   */
  public static int indexOf(ActorHandle<?> handle) {
    return handle instanceof ParallelActorInstance<?> instance ? instance.index() : 0;
  }

  /**
   * @param actorId a parallel actor
   * @return why a call to it cannot name a concurrency group
   */
  public static String noGroups(String actorId) {
    return "parallel actor "
        + actorId
        + " runs each instance's calls one at a time in a lane of its own; a call to it names no"
        + " concurrency group";
  }

  /**
   * @param actorId the actor
   * @param parallelism how many instances it holds (0 or 1 for an actor that is not parallel)
   * @param index the instance a call asked for
   * @return why the call cannot run, or null when it can
   */
  public static String problem(String actorId, int parallelism, int index) {
    if (parallelism <= 1) {
      return index == 0
          ? null
          : "actor " + actorId + " is not a parallel actor; it has no instance " + index;
    }
    if (index < 0 || index >= parallelism) {
      return "parallel actor "
          + actorId
          + " has instances 0 to "
          + (parallelism - 1)
          + "; there is no instance "
          + index;
    }
    return null;
  }
}

package io.rustyray.runtime.bench;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import java.util.ArrayList;
import java.util.List;

/** An actor that calls another actor: the clients of n_n_actor_calls_async, one per node slot. */
public class BenchClient {
  private final ActorHandle<BenchActor> target;

  public BenchClient(ActorHandle<BenchActor> target) {
    this.target = target;
  }

  /**
   * @param calls how many calls to make, all in flight at once
   * @return how many answered
   */
  public int callBatch(int calls) {
    List<ObjectRef<Integer>> refs = new ArrayList<>(calls);
    for (int i = 0; i < calls; i++) {
      refs.add(target.task(BenchActor::smallValue).remote());
    }
    return Rusty.get(refs).size();
  }
}

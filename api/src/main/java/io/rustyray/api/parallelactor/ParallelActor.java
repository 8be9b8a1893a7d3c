package io.rustyray.api.parallelactor;

import io.rustyray.api.function.RustyFunc0;
import io.rustyray.api.function.RustyFunc1;
import io.rustyray.api.function.RustyFunc2;
import io.rustyray.api.function.RustyFunc3;

/**
 * Parallel actors (Ray's {@code ParallelActor}): several instances of one class in one actor, that
 * is one worker process and one entry in the cluster's actor table. Each instance runs its calls
 * one at a time, in the order they were made; the instances run in parallel.
 *
 * <pre>{@code
 * ParallelActorHandle<Counter> counters = ParallelActor.actor(Counter::new, 0).setParallelism(4).remote();
 * counters.getInstance(2).task(Counter::increment).remote();
 * }</pre>
 */
public final class ParallelActor {
  private ParallelActor() {}

  /**
   * Prepares a parallel actor whose instances are built by a constructor without arguments.
   *
   * @param constructor the constructor, such as {@code Counter::new}
   * @param <A> the instances' class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <A> ParallelActorCreator<A> actor(RustyFunc0<A> constructor) {
    return new ParallelActorCreator<>(constructor, new Object[0]);
  }

  /**
   * Prepares a parallel actor whose instances are built by a constructor of one argument; each
   * instance gets its own copy of the argument.
   *
   * @param constructor the constructor
   * @param a0 the argument
   * @param <T0> the parameter type
   * @param <A> the instances' class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <T0, A> ParallelActorCreator<A> actor(RustyFunc1<T0, A> constructor, Object a0) {
    return new ParallelActorCreator<>(constructor, new Object[] {a0});
  }

  /**
   * Prepares a parallel actor whose instances are built by a constructor of two arguments.
   *
   * @param constructor the constructor
   * @param a0 the first argument
   * @param a1 the second argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <A> the instances' class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <T0, T1, A> ParallelActorCreator<A> actor(
      RustyFunc2<T0, T1, A> constructor, Object a0, Object a1) {
    return new ParallelActorCreator<>(constructor, new Object[] {a0, a1});
  }

  /**
   * Prepares a parallel actor whose instances are built by a constructor of three arguments.
   *
   * @param constructor the constructor
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <A> the instances' class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <T0, T1, T2, A> ParallelActorCreator<A> actor(
      RustyFunc3<T0, T1, T2, A> constructor, Object a0, Object a1, Object a2) {
    return new ParallelActorCreator<>(constructor, new Object[] {a0, a1, a2});
  }
}

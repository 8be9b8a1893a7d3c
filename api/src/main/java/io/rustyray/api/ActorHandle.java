package io.rustyray.api;

import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.function.RustyFunc1;
import io.rustyray.api.function.RustyFunc2;
import io.rustyray.api.function.RustyFunc3;
import io.rustyray.api.function.RustyFunc4;
import io.rustyray.api.function.RustyFunc5;
import io.rustyray.api.function.RustyFunc6;
import io.rustyray.api.function.RustyFunc7;
import io.rustyray.api.function.RustyFuncVoid1;
import io.rustyray.api.function.RustyFuncVoid2;
import io.rustyray.api.function.RustyFuncVoid3;
import io.rustyray.api.function.RustyFuncVoid4;
import io.rustyray.api.function.RustyFuncVoid5;
import io.rustyray.api.function.RustyFuncVoid6;
import io.rustyray.api.function.RustyFuncVoid7;

/**
 * A handle to an actor. Calls made through handles in one process reach the actor in the order they
 * were made (unless the actor allows concurrent calls).
 *
 * @param <A> the actor's class
 */
public interface ActorHandle<A> {

  /**
   * @return the actor's id, unique in the cluster
   */
  String getId();

  /**
   * @return the actor's name, or empty when it has none
   */
  String getName();

  /**
   * Kills the actor for good: it is not restarted, and later calls fail with {@link
   * io.rustyray.api.exception.ActorDiedException}.
   */
  default void kill() {
    Rusty.runtime().killActor(this, true);
  }

  /**
   * Kills the actor; it restarts if it has restarts left, as after a failure.
   *
   * @param noRestart whether to forbid the restart
   */
  default void kill(boolean noRestart) {
    Rusty.runtime().killActor(this, noRestart);
  }

  private <R> ActorTaskCaller<R> call(RustyFunc method, Object... args) {
    return new ActorTaskCaller<>(this, method, args);
  }

  /**
   * Prepares a call of an actor method without arguments.
   *
   * @param method the method, such as {@code Counter::get}
   * @param <R> the method's result type
   * @return a caller whose {@code remote()} sends the call
   */
  default <R> ActorTaskCaller<R> task(RustyFunc1<A, R> method) {
    return call(method);
  }

  /**
   * Prepares a call of an actor method with one argument (a value or an {@link ObjectRef}).
   *
   * @param method the method
   * @param a0 the argument
   * @param <T0> the parameter type
   * @param <R> the method's result type
   * @return a caller whose {@code remote()} sends the call
   */
  default <T0, R> ActorTaskCaller<R> task(RustyFunc2<A, T0, R> method, Object a0) {
    return call(method, a0);
  }

  /**
   * Prepares a call of an actor method with two arguments.
   *
   * @param method the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <R> the method's result type
   * @return a caller whose {@code remote()} sends the call
   */
  default <T0, T1, R> ActorTaskCaller<R> task(
      RustyFunc3<A, T0, T1, R> method, Object a0, Object a1) {
    return call(method, a0, a1);
  }

  /**
   * Prepares a call of an actor method with three arguments.
   *
   * @param method the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <R> the method's result type
   * @return a caller whose {@code remote()} sends the call
   */
  default <T0, T1, T2, R> ActorTaskCaller<R> task(
      RustyFunc4<A, T0, T1, T2, R> method, Object a0, Object a1, Object a2) {
    return call(method, a0, a1, a2);
  }

  /**
   * Prepares a call of an actor method with four arguments.
   *
   * @param method the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param a3 the fourth argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <T3> the fourth parameter type
   * @param <R> the method's result type
   * @return a caller whose {@code remote()} sends the call
   */
  default <T0, T1, T2, T3, R> ActorTaskCaller<R> task(
      RustyFunc5<A, T0, T1, T2, T3, R> method, Object a0, Object a1, Object a2, Object a3) {
    return call(method, a0, a1, a2, a3);
  }

  /**
   * Prepares a call of an actor method that returns nothing.
   *
   * @param method the method
   * @return a caller whose {@code remote()} sends the call; its reference yields {@code null}
   */
  default ActorTaskCaller<Void> task(RustyFuncVoid1<A> method) {
    return call(method);
  }

  /**
   * Prepares a call of an actor method of one argument that returns nothing.
   *
   * @param method the method
   * @param a0 the argument
   * @param <T0> the parameter type
   * @return a caller whose {@code remote()} sends the call; its reference yields {@code null}
   */
  default <T0> ActorTaskCaller<Void> task(RustyFuncVoid2<A, T0> method, Object a0) {
    return call(method, a0);
  }

  /**
   * Prepares a call of an actor method of two arguments that returns nothing.
   *
   * @param method the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @return a caller whose {@code remote()} sends the call; its reference yields {@code null}
   */
  default <T0, T1> ActorTaskCaller<Void> task(
      RustyFuncVoid3<A, T0, T1> method, Object a0, Object a1) {
    return call(method, a0, a1);
  }

  /**
   * Prepares a call of an actor method with five arguments.
   *
   * @param method the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param a3 the fourth argument
   * @param a4 the fifth argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <T3> the fourth parameter type
   * @param <T4> the fifth parameter type
   * @param <R> the method's result type
   * @return a caller whose {@code remote()} sends the call
   */
  default <T0, T1, T2, T3, T4, R> ActorTaskCaller<R> task(
      RustyFunc6<A, T0, T1, T2, T3, T4, R> method,
      Object a0,
      Object a1,
      Object a2,
      Object a3,
      Object a4) {
    return call(method, a0, a1, a2, a3, a4);
  }

  /**
   * Prepares a call of an actor method with six arguments.
   *
   * @param method the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param a3 the fourth argument
   * @param a4 the fifth argument
   * @param a5 the sixth argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <T3> the fourth parameter type
   * @param <T4> the fifth parameter type
   * @param <T5> the sixth parameter type
   * @param <R> the method's result type
   * @return a caller whose {@code remote()} sends the call
   */
  default <T0, T1, T2, T3, T4, T5, R> ActorTaskCaller<R> task(
      RustyFunc7<A, T0, T1, T2, T3, T4, T5, R> method,
      Object a0,
      Object a1,
      Object a2,
      Object a3,
      Object a4,
      Object a5) {
    return call(method, a0, a1, a2, a3, a4, a5);
  }

  /**
   * Prepares a call of an actor method of three arguments that returns nothing.
   *
   * @param method the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @return a caller whose {@code remote()} sends the call; its reference yields {@code null}
   */
  default <T0, T1, T2> ActorTaskCaller<Void> task(
      RustyFuncVoid4<A, T0, T1, T2> method, Object a0, Object a1, Object a2) {
    return call(method, a0, a1, a2);
  }

  /**
   * Prepares a call of an actor method of four arguments that returns nothing.
   *
   * @param method the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param a3 the fourth argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <T3> the fourth parameter type
   * @return a caller whose {@code remote()} sends the call; its reference yields {@code null}
   */
  default <T0, T1, T2, T3> ActorTaskCaller<Void> task(
      RustyFuncVoid5<A, T0, T1, T2, T3> method, Object a0, Object a1, Object a2, Object a3) {
    return call(method, a0, a1, a2, a3);
  }

  /**
   * Prepares a call of an actor method of five arguments that returns nothing.
   *
   * @param method the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param a3 the fourth argument
   * @param a4 the fifth argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <T3> the fourth parameter type
   * @param <T4> the fifth parameter type
   * @return a caller whose {@code remote()} sends the call; its reference yields {@code null}
   */
  default <T0, T1, T2, T3, T4> ActorTaskCaller<Void> task(
      RustyFuncVoid6<A, T0, T1, T2, T3, T4> method,
      Object a0,
      Object a1,
      Object a2,
      Object a3,
      Object a4) {
    return call(method, a0, a1, a2, a3, a4);
  }

  /**
   * Prepares a call of an actor method of six arguments that returns nothing.
   *
   * @param method the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param a3 the fourth argument
   * @param a4 the fifth argument
   * @param a5 the sixth argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <T3> the fourth parameter type
   * @param <T4> the fifth parameter type
   * @param <T5> the sixth parameter type
   * @return a caller whose {@code remote()} sends the call; its reference yields {@code null}
   */
  default <T0, T1, T2, T3, T4, T5> ActorTaskCaller<Void> task(
      RustyFuncVoid7<A, T0, T1, T2, T3, T4, T5> method,
      Object a0,
      Object a1,
      Object a2,
      Object a3,
      Object a4,
      Object a5) {
    return call(method, a0, a1, a2, a3, a4, a5);
  }
}

package io.rustyray.api.concurrencygroup;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link ConcurrencyGroup} of an actor's methods.
 *
 * <pre>{@code
 * ConcurrencyGroup io =
 *     new ConcurrencyGroupBuilder<Downloader>()
 *         .setName("io")
 *         .setMaxConcurrency(2)
 *         .addMethod(Downloader::fetch)
 *         .build();
 * Rusty.actor(Downloader::new).setConcurrencyGroups(io).remote();
 * }</pre>
 *
 * @param <A> the actor's class
 */
public final class ConcurrencyGroupBuilder<A> {
  private String name = "";
  private int maxConcurrency = 1;
  private final List<RustyFunc> methods = new ArrayList<>();

  /**
   * @param name the group's name, unique within the actor
   * @return this builder
   */
  public ConcurrencyGroupBuilder<A> setName(String name) {
    this.name = name;
    return this;
  }

  /**
   * @param maxConcurrency how many of the group's calls may run at once (1 by default)
   * @return this builder
   */
  public ConcurrencyGroupBuilder<A> setMaxConcurrency(int maxConcurrency) {
    this.maxConcurrency = maxConcurrency;
    return this;
  }

  private ConcurrencyGroupBuilder<A> add(RustyFunc method) {
    methods.add(method);
    return this;
  }

  /**
   * Adds a method that returns a value and takes 0 arguments.
   *
   * @param method the method, such as {@code Actor::f}
   * @return this builder
   */
  public <R> ConcurrencyGroupBuilder<A> addMethod(RustyFunc1<A, R> method) {
    return add(method);
  }

  /**
   * Adds a method that returns nothing and takes 0 arguments.
   *
   * @param method the method
   * @return this builder
   */
  public ConcurrencyGroupBuilder<A> addMethod(RustyFuncVoid1<A> method) {
    return add(method);
  }

  /**
   * Adds a method that returns a value and takes 1 argument.
   *
   * @param method the method, such as {@code Actor::f}
   * @return this builder
   */
  public <T0, R> ConcurrencyGroupBuilder<A> addMethod(RustyFunc2<A, T0, R> method) {
    return add(method);
  }

  /**
   * Adds a method that returns nothing and takes 1 argument.
   *
   * @param method the method
   * @return this builder
   */
  public <T0> ConcurrencyGroupBuilder<A> addMethod(RustyFuncVoid2<A, T0> method) {
    return add(method);
  }

  /**
   * Adds a method that returns a value and takes 2 arguments.
   *
   * @param method the method, such as {@code Actor::f}
   * @return this builder
   */
  public <T0, T1, R> ConcurrencyGroupBuilder<A> addMethod(RustyFunc3<A, T0, T1, R> method) {
    return add(method);
  }

  /**
   * Adds a method that returns nothing and takes 2 arguments.
   *
   * @param method the method
   * @return this builder
   */
  public <T0, T1> ConcurrencyGroupBuilder<A> addMethod(RustyFuncVoid3<A, T0, T1> method) {
    return add(method);
  }

  /**
   * Adds a method that returns a value and takes 3 arguments.
   *
   * @param method the method, such as {@code Actor::f}
   * @return this builder
   */
  public <T0, T1, T2, R> ConcurrencyGroupBuilder<A> addMethod(RustyFunc4<A, T0, T1, T2, R> method) {
    return add(method);
  }

  /**
   * Adds a method that returns nothing and takes 3 arguments.
   *
   * @param method the method
   * @return this builder
   */
  public <T0, T1, T2> ConcurrencyGroupBuilder<A> addMethod(RustyFuncVoid4<A, T0, T1, T2> method) {
    return add(method);
  }

  /**
   * Adds a method that returns a value and takes 4 arguments.
   *
   * @param method the method, such as {@code Actor::f}
   * @return this builder
   */
  public <T0, T1, T2, T3, R> ConcurrencyGroupBuilder<A> addMethod(
      RustyFunc5<A, T0, T1, T2, T3, R> method) {
    return add(method);
  }

  /**
   * Adds a method that returns nothing and takes 4 arguments.
   *
   * @param method the method
   * @return this builder
   */
  public <T0, T1, T2, T3> ConcurrencyGroupBuilder<A> addMethod(
      RustyFuncVoid5<A, T0, T1, T2, T3> method) {
    return add(method);
  }

  /**
   * Adds a method that returns a value and takes 5 arguments.
   *
   * @param method the method, such as {@code Actor::f}
   * @return this builder
   */
  public <T0, T1, T2, T3, T4, R> ConcurrencyGroupBuilder<A> addMethod(
      RustyFunc6<A, T0, T1, T2, T3, T4, R> method) {
    return add(method);
  }

  /**
   * Adds a method that returns nothing and takes 5 arguments.
   *
   * @param method the method
   * @return this builder
   */
  public <T0, T1, T2, T3, T4> ConcurrencyGroupBuilder<A> addMethod(
      RustyFuncVoid6<A, T0, T1, T2, T3, T4> method) {
    return add(method);
  }

  /**
   * Adds a method that returns a value and takes 6 arguments.
   *
   * @param method the method, such as {@code Actor::f}
   * @return this builder
   */
  public <T0, T1, T2, T3, T4, T5, R> ConcurrencyGroupBuilder<A> addMethod(
      RustyFunc7<A, T0, T1, T2, T3, T4, T5, R> method) {
    return add(method);
  }

  /**
   * Adds a method that returns nothing and takes 6 arguments.
   *
   * @param method the method
   * @return this builder
   */
  public <T0, T1, T2, T3, T4, T5> ConcurrencyGroupBuilder<A> addMethod(
      RustyFuncVoid7<A, T0, T1, T2, T3, T4, T5> method) {
    return add(method);
  }

  /**
   * @return the group
   * @throws IllegalArgumentException without a name, or with a maxConcurrency below 1
   */
  public ConcurrencyGroup build() {
    return new ConcurrencyGroup(name, maxConcurrency, methods);
  }
}

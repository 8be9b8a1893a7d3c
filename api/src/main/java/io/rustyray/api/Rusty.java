package io.rustyray.api;

import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc0;
import io.rustyray.api.function.RustyFunc1;
import io.rustyray.api.function.RustyFunc2;
import io.rustyray.api.function.RustyFunc3;
import io.rustyray.api.function.RustyFunc4;
import io.rustyray.api.function.RustyFunc5;
import io.rustyray.api.function.RustyFunc6;
import io.rustyray.api.function.RustyFuncVoid0;
import io.rustyray.api.function.RustyFuncVoid1;
import io.rustyray.api.function.RustyFuncVoid2;
import io.rustyray.api.function.RustyFuncVoid3;
import io.rustyray.api.function.RustyFuncVoid4;
import io.rustyray.api.function.RustyFuncVoid5;
import io.rustyray.api.function.RustyFuncVoid6;
import io.rustyray.api.placementgroup.PlacementGroup;
import io.rustyray.api.placementgroup.PlacementGroupCreator;
import io.rustyray.api.runtime.LocalRuntimeFactory;
import io.rustyray.api.runtime.RustyRuntime;
import io.rustyray.api.runtime.RustyRuntimeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The entry point of the RustyRay SDK, shaped like Ray's Java API.
 *
 * <pre>{@code
 * Rusty.init("127.0.0.1:6379");
 * ObjectRef<Integer> sum = Rusty.task(Fns::add, 1, 2).remote();
 * ActorHandle<Counter> c = Rusty.actor(Counter::new, 0).setName("c").remote();
 * int n = c.task(Counter::increment).remote().get();
 * }</pre>
 */
public final class Rusty {
  /** Environment variable with the head's address, read by {@link #init()}. */
  public static final String ADDRESS_ENV = "RUSTYRAY_ADDRESS";

  /** Environment variable with the cluster token, read when no token is given. */
  public static final String TOKEN_ENV = "RUSTYRAY_TOKEN";

  /**
   * Environment variable with the namespace, read when none is given; without it a program runs in
   * an anonymous namespace of its own, as in Ray.
   */
  public static final String NAMESPACE_ENV = "RUSTYRAY_NAMESPACE";

  /** The artifact whose runtime {@link #init} finds through the ServiceLoader. */
  static final String CLIENT_ARTIFACT = "io.rustyray:rustyray-client";

  /** The artifact whose runtime {@link #initLocal} finds through the ServiceLoader. */
  static final String LOCAL_ARTIFACT = "io.rustyray:rustyray-local";

  private static volatile RustyRuntime runtime;

  private Rusty() {}

  /**
   * Connects to the cluster whose head address is in {@code RUSTYRAY_ADDRESS}.
   *
   * @throws RustyException when the variable is not set or the head cannot be reached
   */
  public static void init() {
    String address = System.getenv(ADDRESS_ENV);
    if (address == null || address.isBlank()) {
      throw new RustyException(
          "Rusty.init() needs the head's address: set " + ADDRESS_ENV + " or call init(address)");
    }
    init(address);
  }

  /**
   * Connects to the cluster whose head listens at {@code address}, with the token from {@code
   * RUSTYRAY_TOKEN} if set.
   *
   * @param address the head's {@code host:port}
   */
  public static void init(String address) {
    String token = System.getenv(TOKEN_ENV);
    init(address, token == null ? "" : token);
  }

  /**
   * Connects to the cluster whose head listens at {@code address}.
   *
   * @param address the head's {@code host:port}
   * @param token the cluster token (empty for a cluster without one)
   * @throws RustyException when already initialized, when no cluster client ({@code
   *     io.rustyray:rustyray-client}) is on the classpath, or when the head cannot be reached
   */
  public static void init(String address, String token) {
    String namespace = System.getenv(NAMESPACE_ENV);
    init(address, token, namespace == null ? "" : namespace);
  }

  /**
   * Connects to the cluster whose head listens at {@code address}, in a namespace: named actors and
   * placement groups are found by name only within it (Ray's {@code ray.job.namespace}).
   *
   * @param address the head's {@code host:port}
   * @param token the cluster token (empty for a cluster without one)
   * @param namespace the namespace; empty for an anonymous namespace of this program's own
   * @throws RustyException when already initialized, when no cluster client ({@code
   *     io.rustyray:rustyray-client}) is on the classpath, or when the head cannot be reached
   */
  public static synchronized void init(String address, String token, String namespace) {
    requireUninitialized();
    RustyRuntimeFactory factory =
        find(RustyRuntimeFactory.class, CLIENT_ARTIFACT, "connect to a cluster");
    runtime = factory.connect(address, token, namespace == null ? "" : namespace);
  }

  /**
   * Starts a runtime inside this process, without a cluster (Ray's local mode): tasks and actors
   * run in this JVM. Meant for users' unit tests; {@link #shutdown} ends it.
   *
   * @throws RustyException when already initialized, or when no local runtime ({@code
   *     io.rustyray:rustyray-local}) is on the classpath
   */
  public static synchronized void initLocal() {
    requireUninitialized();
    LocalRuntimeFactory factory =
        find(LocalRuntimeFactory.class, LOCAL_ARTIFACT, "run in local mode");
    runtime = factory.start();
  }

  private static void requireUninitialized() {
    if (runtime != null) {
      throw new RustyException("Rusty is already initialized; call Rusty.shutdown() first");
    }
  }

  /**
   * The SDK names the runtimes only through their SPI, so that a program compiled against it needs
   * no gRPC, protobuf or Netty; the implementation comes from whatever artifact is on the
   * classpath.
   */
  private static <F> F find(Class<F> spi, String artifact, String purpose) {
    return ServiceLoader.load(spi, Rusty.class.getClassLoader())
        .findFirst()
        .orElseThrow(
            () ->
                new RustyException(
                    "no "
                        + spi.getSimpleName()
                        + " on the classpath to "
                        + purpose
                        + ": add the artifact "
                        + artifact
                        + " (it needs to be there at run time only)"));
  }

  /**
   * Uses an already connected runtime (the node agent does this for the code it runs).
   *
   * @param connected the runtime
   */
  public static synchronized void init(RustyRuntime connected) {
    requireUninitialized();
    runtime = connected;
  }

  /**
   * @return whether {@link #init} was called and {@link #shutdown} was not
   */
  public static boolean isInitialized() {
    return runtime != null;
  }

  /** Disconnects from the cluster. Actors that are not detached stay until killed. */
  public static synchronized void shutdown() {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
  }

  /**
   * @return the connected runtime
   * @throws RustyException when not initialized
   */
  public static RustyRuntime runtime() {
    RustyRuntime current = runtime;
    if (current == null) {
      throw new RustyException("Rusty is not initialized: call Rusty.init(address) first");
    }
    return current;
  }

  /**
   * Prepares a task of a static method without arguments.
   *
   * @param f the method, such as {@code Fns::answer}
   * @param <R> its result type
   * @return a caller whose {@code remote()} submits the task
   */
  public static <R> TaskCaller<R> task(RustyFunc0<R> f) {
    return new TaskCaller<>(f, new Object[0]);
  }

  /**
   * Prepares a task of a static method of one argument. Each argument is a value or an {@link
   * ObjectRef}, which is resolved on the node that runs the task.
   *
   * @param f the method
   * @param a0 the argument
   * @param <T0> the parameter type
   * @param <R> the result type
   * @return a caller whose {@code remote()} submits the task
   */
  public static <T0, R> TaskCaller<R> task(RustyFunc1<T0, R> f, Object a0) {
    return new TaskCaller<>(f, new Object[] {a0});
  }

  /**
   * Prepares a task of a static method of two arguments.
   *
   * @param f the method, such as {@code Fns::add}
   * @param a0 the first argument
   * @param a1 the second argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <R> the result type
   * @return a caller whose {@code remote()} submits the task
   */
  public static <T0, T1, R> TaskCaller<R> task(RustyFunc2<T0, T1, R> f, Object a0, Object a1) {
    return new TaskCaller<>(f, new Object[] {a0, a1});
  }

  /**
   * Prepares a task of a static method of three arguments.
   *
   * @param f the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <R> the result type
   * @return a caller whose {@code remote()} submits the task
   */
  public static <T0, T1, T2, R> TaskCaller<R> task(
      RustyFunc3<T0, T1, T2, R> f, Object a0, Object a1, Object a2) {
    return new TaskCaller<>(f, new Object[] {a0, a1, a2});
  }

  /**
   * Prepares a task of a static method of four arguments.
   *
   * @param f the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param a3 the fourth argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <T3> the fourth parameter type
   * @param <R> the result type
   * @return a caller whose {@code remote()} submits the task
   */
  public static <T0, T1, T2, T3, R> TaskCaller<R> task(
      RustyFunc4<T0, T1, T2, T3, R> f, Object a0, Object a1, Object a2, Object a3) {
    return new TaskCaller<>(f, new Object[] {a0, a1, a2, a3});
  }

  /**
   * Prepares an actor built by a constructor without arguments.
   *
   * @param constructor the constructor, such as {@code Counter::new}
   * @param <A> the actor's class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <A> ActorCreator<A> actor(RustyFunc0<A> constructor) {
    return new ActorCreator<>(constructor, new Object[0]);
  }

  /**
   * Prepares an actor built by a constructor of one argument.
   *
   * @param constructor the constructor
   * @param a0 the argument
   * @param <T0> the parameter type
   * @param <A> the actor's class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <T0, A> ActorCreator<A> actor(RustyFunc1<T0, A> constructor, Object a0) {
    return new ActorCreator<>(constructor, new Object[] {a0});
  }

  /**
   * Prepares an actor built by a constructor of two arguments.
   *
   * @param constructor the constructor
   * @param a0 the first argument
   * @param a1 the second argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <A> the actor's class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <T0, T1, A> ActorCreator<A> actor(
      RustyFunc2<T0, T1, A> constructor, Object a0, Object a1) {
    return new ActorCreator<>(constructor, new Object[] {a0, a1});
  }

  /**
   * Prepares an actor built by a constructor of three arguments.
   *
   * @param constructor the constructor
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <A> the actor's class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <T0, T1, T2, A> ActorCreator<A> actor(
      RustyFunc3<T0, T1, T2, A> constructor, Object a0, Object a1, Object a2) {
    return new ActorCreator<>(constructor, new Object[] {a0, a1, a2});
  }

  /**
   * Prepares a task of a static method of five arguments.
   *
   * @param f the method
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
   * @param <R> the result type
   * @return a caller whose {@code remote()} submits the task
   */
  public static <T0, T1, T2, T3, T4, R> TaskCaller<R> task(
      RustyFunc5<T0, T1, T2, T3, T4, R> f, Object a0, Object a1, Object a2, Object a3, Object a4) {
    return new TaskCaller<>(f, new Object[] {a0, a1, a2, a3, a4});
  }

  /**
   * Prepares a task of a static method of six arguments.
   *
   * @param f the method
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
   * @param <R> the result type
   * @return a caller whose {@code remote()} submits the task
   */
  public static <T0, T1, T2, T3, T4, T5, R> TaskCaller<R> task(
      RustyFunc6<T0, T1, T2, T3, T4, T5, R> f,
      Object a0,
      Object a1,
      Object a2,
      Object a3,
      Object a4,
      Object a5) {
    return new TaskCaller<>(f, new Object[] {a0, a1, a2, a3, a4, a5});
  }

  /**
   * Prepares a task of a static method of no arguments that returns nothing.
   *
   * @param f the method
   * @return a caller whose {@code remote()} submits the task; its reference yields {@code null}
   */
  public static TaskCaller<Void> task(RustyFuncVoid0 f) {
    return new TaskCaller<>(f, new Object[0]);
  }

  /**
   * Prepares a task of a static method of one argument that returns nothing.
   *
   * @param f the method
   * @param a0 the first argument
   * @param <T0> the first parameter type
   * @return a caller whose {@code remote()} submits the task; its reference yields {@code null}
   */
  public static <T0> TaskCaller<Void> task(RustyFuncVoid1<T0> f, Object a0) {
    return new TaskCaller<>(f, new Object[] {a0});
  }

  /**
   * Prepares a task of a static method of two arguments that returns nothing.
   *
   * @param f the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @return a caller whose {@code remote()} submits the task; its reference yields {@code null}
   */
  public static <T0, T1> TaskCaller<Void> task(RustyFuncVoid2<T0, T1> f, Object a0, Object a1) {
    return new TaskCaller<>(f, new Object[] {a0, a1});
  }

  /**
   * Prepares a task of a static method of three arguments that returns nothing.
   *
   * @param f the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @return a caller whose {@code remote()} submits the task; its reference yields {@code null}
   */
  public static <T0, T1, T2> TaskCaller<Void> task(
      RustyFuncVoid3<T0, T1, T2> f, Object a0, Object a1, Object a2) {
    return new TaskCaller<>(f, new Object[] {a0, a1, a2});
  }

  /**
   * Prepares a task of a static method of four arguments that returns nothing.
   *
   * @param f the method
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param a3 the fourth argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <T3> the fourth parameter type
   * @return a caller whose {@code remote()} submits the task; its reference yields {@code null}
   */
  public static <T0, T1, T2, T3> TaskCaller<Void> task(
      RustyFuncVoid4<T0, T1, T2, T3> f, Object a0, Object a1, Object a2, Object a3) {
    return new TaskCaller<>(f, new Object[] {a0, a1, a2, a3});
  }

  /**
   * Prepares a task of a static method of five arguments that returns nothing.
   *
   * @param f the method
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
   * @return a caller whose {@code remote()} submits the task; its reference yields {@code null}
   */
  public static <T0, T1, T2, T3, T4> TaskCaller<Void> task(
      RustyFuncVoid5<T0, T1, T2, T3, T4> f, Object a0, Object a1, Object a2, Object a3, Object a4) {
    return new TaskCaller<>(f, new Object[] {a0, a1, a2, a3, a4});
  }

  /**
   * Prepares a task of a static method of six arguments that returns nothing.
   *
   * @param f the method
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
   * @return a caller whose {@code remote()} submits the task; its reference yields {@code null}
   */
  public static <T0, T1, T2, T3, T4, T5> TaskCaller<Void> task(
      RustyFuncVoid6<T0, T1, T2, T3, T4, T5> f,
      Object a0,
      Object a1,
      Object a2,
      Object a3,
      Object a4,
      Object a5) {
    return new TaskCaller<>(f, new Object[] {a0, a1, a2, a3, a4, a5});
  }

  /**
   * Prepares an actor built by a constructor of four arguments.
   *
   * @param constructor the constructor
   * @param a0 the first argument
   * @param a1 the second argument
   * @param a2 the third argument
   * @param a3 the fourth argument
   * @param <T0> the first parameter type
   * @param <T1> the second parameter type
   * @param <T2> the third parameter type
   * @param <T3> the fourth parameter type
   * @param <A> the actor's class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <T0, T1, T2, T3, A> ActorCreator<A> actor(
      RustyFunc4<T0, T1, T2, T3, A> constructor, Object a0, Object a1, Object a2, Object a3) {
    return new ActorCreator<>(constructor, new Object[] {a0, a1, a2, a3});
  }

  /**
   * Prepares an actor built by a constructor of five arguments.
   *
   * @param constructor the constructor
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
   * @param <A> the actor's class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <T0, T1, T2, T3, T4, A> ActorCreator<A> actor(
      RustyFunc5<T0, T1, T2, T3, T4, A> constructor,
      Object a0,
      Object a1,
      Object a2,
      Object a3,
      Object a4) {
    return new ActorCreator<>(constructor, new Object[] {a0, a1, a2, a3, a4});
  }

  /**
   * Prepares an actor built by a constructor of six arguments.
   *
   * @param constructor the constructor
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
   * @param <A> the actor's class
   * @return a creator whose {@code remote()} creates the actor
   */
  public static <T0, T1, T2, T3, T4, T5, A> ActorCreator<A> actor(
      RustyFunc6<T0, T1, T2, T3, T4, T5, A> constructor,
      Object a0,
      Object a1,
      Object a2,
      Object a3,
      Object a4,
      Object a5) {
    return new ActorCreator<>(constructor, new Object[] {a0, a1, a2, a3, a4, a5});
  }

  /**
   * Stores a value in the cluster.
   *
   * @param value the value; it must be serializable by Jackson
   * @param <T> its type
   * @return a reference to the stored value
   */
  public static <T> ObjectRef<T> put(T value) {
    return runtime().put(value);
  }

  /**
   * Waits for every value. When one of them fails, its exception is thrown as soon as it is known,
   * whatever the others' progress.
   *
   * @param refs the references
   * @param <T> the type of the values
   * @return the values, in the order of {@code refs}
   */
  public static <T> List<T> get(List<ObjectRef<T>> refs) {
    return AllValues.get(runtime(), refs, null);
  }

  /**
   * Waits for every value, at most {@code timeout} in all.
   *
   * @param refs the references
   * @param timeout how long to wait in all
   * @param <T> the type of the values
   * @return the values, in the order of {@code refs}
   * @throws io.rustyray.api.exception.RustyTimeoutException when they are not all ready in time
   */
  public static <T> List<T> get(List<ObjectRef<T>> refs, Duration timeout) {
    return AllValues.get(runtime(), refs, timeout);
  }

  /**
   * Waits, without a time limit, until {@code numReturns} of the references are ready.
   *
   * @param refs the references
   * @param numReturns how many ready references to wait for
   * @param <T> the type of the values
   * @return the ready and the unready references
   */
  public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns) {
    while (true) {
      WaitResult<T> result = wait(refs, numReturns, Duration.ofMinutes(1));
      if (result.ready().size() >= numReturns) {
        return result;
      }
    }
  }

  /**
   * Waits, without a time limit, until every reference is ready.
   *
   * @param refs the references
   * @param <T> the type of the values
   * @return the ready references (all of them) and none unready
   */
  public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs) {
    return wait(refs, refs.size());
  }

  /**
   * Waits until {@code numReturns} of the references are ready, or the timeout passes.
   *
   * @param refs the references
   * @param numReturns how many ready references to wait for
   * @param timeout the longest wait
   * @param <T> the type of the values
   * @return the ready and the unready references
   */
  public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
    if (numReturns < 0 || numReturns > refs.size()) {
      throw new IllegalArgumentException(
          "numReturns must be between 0 and " + refs.size() + ", got " + numReturns);
    }
    return runtime().wait(refs, numReturns, timeout);
  }

  /**
   * Waits until all references are ready, or the timeout passes.
   *
   * @param refs the references
   * @param timeout the longest wait
   * @param <T> the type of the values
   * @return the ready and the unready references
   */
  public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, Duration timeout) {
    return wait(refs, refs.size(), timeout);
  }

  /**
   * @return where the calling code runs (its node, when it runs inside the cluster)
   */
  public static RuntimeContext getRuntimeContext() {
    return runtime().context();
  }

  /**
   * Finds a live actor by name in this program's namespace (see {@link #getNamespace()}), from any
   * client of the cluster in it.
   *
   * @param name the actor's name
   * @param <A> the actor's class
   * @return the handle, or empty when no live actor has that name in this namespace
   */
  public static <A> Optional<ActorHandle<A>> getActor(String name) {
    return runtime().getActor(name);
  }

  /**
   * Finds a live actor by name in another namespace.
   *
   * @param name the actor's name
   * @param namespace the namespace it was created in
   * @param <A> the actor's class
   * @return the handle, or empty when no live actor has that name there
   */
  public static <A> Optional<ActorHandle<A>> getActor(String name, String namespace) {
    return runtime().getActor(name, namespace);
  }

  /**
   * @return the namespace this program's named actors and placement groups live in
   */
  public static String getNamespace() {
    return runtime().context().namespace();
  }

  /**
   * A handle to the actor whose constructor or method calls this, as Ray's {@code
   * getCurrentActorHandle()}: to pass itself to other tasks and actors, or to call itself later.
   *
   * @param <A> the actor's class
   * @return the handle
   * @throws RustyException when called outside an actor
   */
  public static <A> ActorHandle<A> getCurrentActor() {
    return runtime().currentActor();
  }

  /**
   * Ends the actor whose method calls this, from inside, for good: it is not restarted, its worker
   * ends once the method returns, and calls that were waiting fail with {@link
   * io.rustyray.api.exception.ActorDiedException}.
   *
   * @throws RustyException when called outside an actor
   */
  public static void exitActor() {
    runtime().exitActor();
  }

  /**
   * @return every actor the cluster knows, live or dead
   */
  public static List<ActorInfo> getAllActorInfo() {
    return runtime().listActors();
  }

  /**
   * Lists the actors of one job, or in one state (Ray's {@code getAllActorInfo(jobId, state)}).
   *
   * @param jobId the job, or null for every job
   * @param state the state, or null for every state
   * @return the matching actors
   */
  public static List<ActorInfo> getAllActorInfo(String jobId, ActorState state) {
    List<ActorInfo> matching = new ArrayList<>();
    for (ActorInfo actor : runtime().listActors()) {
      if ((jobId == null || jobId.equals(actor.jobId()))
          && (state == null || state == actor.state())) {
        matching.add(actor);
      }
    }
    return matching;
  }

  /**
   * @return every node the cluster knows, alive or dead
   */
  public static List<NodeInfo> getAllNodeInfo() {
    return runtime().listNodes();
  }

  /**
   * Deletes objects from the cluster now, before their references go (Ray's {@code
   * Ray.internal().free}): a later get of them fails with {@link
   * io.rustyray.api.exception.ObjectLostException}.
   *
   * @param refs the objects
   */
  public static void free(List<? extends ObjectRef<?>> refs) {
    runtime().free(refs);
  }

  /**
   * Prepares a placement group: resources reserved together, in bundles.
   *
   * <pre>{@code
   * PlacementGroup pg =
   *     Rusty.placementGroup(List.of(Map.of("cpu", 1.0), Map.of("cpu", 1.0)))
   *         .setStrategy(PlacementStrategy.STRICT_SPREAD)
   *         .create();
   * pg.wait(Duration.ofSeconds(30));
   * Rusty.actor(Counter::new).setPlacementGroup(pg, 0).remote();
   * }</pre>
   *
   * @param bundles the resources of each bundle
   * @return a creator whose {@code create()} asks the cluster for the group
   */
  public static PlacementGroupCreator placementGroup(List<Map<String, Double>> bundles) {
    return new PlacementGroupCreator(bundles);
  }

  /**
   * Finds a placement group by name, in this program's namespace.
   *
   * @param name the group's name
   * @return the group, or empty when no group that is not removed has that name
   */
  public static Optional<PlacementGroup> getPlacementGroup(String name) {
    return runtime().getPlacementGroup(name, getNamespace());
  }

  /**
   * Finds a placement group by name, in a namespace.
   *
   * @param name the group's name
   * @param namespace the namespace it was created in
   * @return the group, or empty when no group that is not removed has that name there
   */
  public static Optional<PlacementGroup> getPlacementGroup(String name, String namespace) {
    return runtime().getPlacementGroup(name, namespace);
  }

  /**
   * Finds a placement group by id, removed ones included (Ray's {@code getPlacementGroup(id)}).
   *
   * @param placementGroupId the group's id
   * @return the group, or empty when the cluster does not know that id
   */
  public static Optional<PlacementGroup> getPlacementGroupById(String placementGroupId) {
    return runtime().getPlacementGroupById(placementGroupId);
  }

  /**
   * @return every placement group the cluster knows, removed ones included
   */
  public static List<PlacementGroup> getAllPlacementGroups() {
    return runtime().listPlacementGroups();
  }

  /**
   * Removes a placement group: its reserved resources are freed, and the actors in it die.
   *
   * @param placementGroupId the group's id
   */
  public static void removePlacementGroup(String placementGroupId) {
    runtime().removePlacementGroup(placementGroupId);
  }
}

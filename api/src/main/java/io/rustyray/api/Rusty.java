package io.rustyray.api;

import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc0;
import io.rustyray.api.function.RustyFunc1;
import io.rustyray.api.function.RustyFunc2;
import io.rustyray.api.function.RustyFunc3;
import io.rustyray.api.function.RustyFunc4;
import io.rustyray.api.runtime.LocalRuntimeFactory;
import io.rustyray.api.runtime.RustyRuntime;
import io.rustyray.api.runtime.RustyRuntimeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  public static synchronized void init(String address, String token) {
    requireUninitialized();
    RustyRuntimeFactory factory =
        find(RustyRuntimeFactory.class, CLIENT_ARTIFACT, "connect to a cluster");
    runtime = factory.connect(address, token);
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
   * Waits for every value.
   *
   * @param refs the references
   * @param <T> the type of the values
   * @return the values, in the order of {@code refs}
   */
  public static <T> List<T> get(List<ObjectRef<T>> refs) {
    List<T> values = new ArrayList<>(refs.size());
    for (ObjectRef<T> ref : refs) {
      values.add(ref.get());
    }
    return values;
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
    long deadline = System.nanoTime() + timeout.toNanos();
    List<T> values = new ArrayList<>(refs.size());
    for (ObjectRef<T> ref : refs) {
      values.add(ref.get(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
    }
    return values;
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
   * Finds a live actor by name, from any client of the cluster.
   *
   * @param name the actor's name
   * @param <A> the actor's class
   * @return the handle, or empty when no live actor has that name
   */
  public static <A> Optional<ActorHandle<A>> getActor(String name) {
    return runtime().getActor(name);
  }
}

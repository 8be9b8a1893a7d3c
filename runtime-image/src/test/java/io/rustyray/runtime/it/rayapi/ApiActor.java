package io.rustyray.runtime.it.rayapi;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;

/** An actor of the Ray API suite: wide constructors and methods, exitActor, names. */
public class ApiActor {
  private int base;
  private int calls;

  public ApiActor() {}

  // Static factories rather than overloaded constructors: an overloaded ApiActor::new is an
  // inexact method reference, which Java cannot match to an arity of Rusty.actor.
  public static ApiActor of4(int a, int b, int c, int d) {
    ApiActor actor = new ApiActor();
    actor.base = a + b + c + d;
    return actor;
  }

  public static ApiActor of5(int a, int b, int c, int d, int e) {
    return of4(a + e, b, c, d);
  }

  public static ApiActor of6(int a, int b, int c, int d, int e, int f) {
    return of4(a + e + f, b, c, d);
  }

  public int base() {
    return base;
  }

  public int add6(int a, int b, int c, int d, int e, int f) {
    return base + a + b + c + d + e + f;
  }

  public void set6(int a, int b, int c, int d, int e, int f) {
    base = a + b + c + d + e + f;
  }

  public void reset() {
    base = 0;
  }

  /** GetCurrentActorHandleTest: the actor hands out a handle to itself. */
  public ActorHandle<ApiActor> self() {
    return Rusty.getCurrentActor();
  }

  public int incr() {
    return ++calls;
  }

  public long pid() {
    return ProcessHandle.current().pid();
  }

  public String threadName() {
    return Thread.currentThread().getName();
  }

  public int fail() {
    throw new IllegalStateException("failed on purpose");
  }

  public String gpus() {
    return Rusty.getRuntimeContext().gpuIds() + " " + System.getenv("CUDA_VISIBLE_DEVICES");
  }

  /** Ends the actor from inside; what follows must not run. */
  public boolean exit() {
    Rusty.exitActor();
    return false;
  }
}

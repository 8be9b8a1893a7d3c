package io.rustyray.runtime.it;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.examples.Counter;

/**
 * A driver that stores an object in the head's store (by passing its put to a task), creates a
 * non-detached and a detached actor, prints their ids and "ready", and when it reads a line dies
 * without cleaning up (as a crashed program would). Its arguments: the head's address, the token
 * and the namespace it shares with the test.
 */
public final class OwnerThatExits {
  private OwnerThatExits() {}

  public static void main(String[] args) throws Exception {
    Rusty.init(args[0], args[1], args[2]);
    ObjectRef<byte[]> big = Rusty.put(new byte[8 * 1024 * 1024]);
    int length = Rusty.task(io.rustyray.examples.Fns::length, big).remote().get();
    ActorHandle<Counter> owned = Rusty.actor(Counter::new, 0).remote();
    ActorHandle<Counter> detached =
        Rusty.actor(Counter::new, 0).setName("survivor").setDetached(true).remote();
    owned.task(Counter::increment).remote().get();
    detached.task(Counter::increment).remote().get();
    System.out.println("object " + big.getId());
    System.out.println("owned " + owned.getId());
    System.out.println("detached " + detached.getId());
    System.out.println("ready " + length);
    System.out.flush();
    new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
    // The owned actor must live until this process dies, not end with its last handle.
    java.lang.ref.Reference.reachabilityFence(owned);
    Runtime.getRuntime().halt(0);
  }
}

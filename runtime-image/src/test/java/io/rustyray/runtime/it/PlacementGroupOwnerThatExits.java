package io.rustyray.runtime.it;

import io.rustyray.api.Rusty;
import io.rustyray.api.placementgroup.PlacementGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A driver (in the namespace its third argument names) that creates a placement group of its job
 * and a detached one, prints their ids and "ready", and when it reads a line dies without cleaning
 * up (as a crashed program would).
 */
public final class PlacementGroupOwnerThatExits {
  private PlacementGroupOwnerThatExits() {}

  public static void main(String[] args) throws Exception {
    Rusty.init(args[0], args[1], args[2]);
    PlacementGroup owned = Rusty.placementGroup(List.of(Map.of("cpu", 0.5))).create();
    PlacementGroup detached =
        Rusty.placementGroup(List.of(Map.of("cpu", 0.5)))
            .setName("outlives-its-job")
            .setDetached(true)
            .create();
    owned.wait(Duration.ofSeconds(30));
    detached.wait(Duration.ofSeconds(30));
    System.out.println("owned " + owned.getId());
    System.out.println("detached " + detached.getId());
    System.out.println("ready " + owned.getState());
    System.out.flush();
    new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
    Runtime.getRuntime().halt(0);
  }
}

package io.rustyray.local.examples;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import java.util.List;

/** Tasks whose arguments and results carry object references inside them. */
public final class Nested {
  private Nested() {}

  public static int sumAll(List<ObjectRef<Integer>> refs) {
    return refs.stream().mapToInt(ObjectRef::get).sum();
  }

  public static ObjectRef<String> putAndReturn(String text) {
    return Rusty.put(text);
  }

  public static List<ObjectRef<Integer>> passOn(List<ObjectRef<Integer>> refs) {
    return refs;
  }
}

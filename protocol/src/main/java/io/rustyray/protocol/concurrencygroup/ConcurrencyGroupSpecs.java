package io.rustyray.protocol.concurrencygroup;

import io.rustyray.api.concurrencygroup.ConcurrencyGroup;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.proto.ConcurrencyGroupSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the concurrency groups an actor was created with into what travels in its spec, checking
 * them against the actor's class first: a mistake there is the caller's, and is best reported where
 * the actor is created rather than when its first call runs.
 */
public final class ConcurrencyGroupSpecs {
  private ConcurrencyGroupSpecs() {}

  /**
   * @param constructor the actor's constructor or static factory
   * @param groups the groups, as the SDK took them
   * @return the groups with their methods named as calls name them
   * @throws IllegalArgumentException when a group names something that is not an instance method of
   *     the actor's class, or a method is in two groups
   */
  public static List<ConcurrencyGroupSpec> of(
      ResolvedFunction constructor, List<ConcurrencyGroup> groups) {
    Class<?> actorClass = actorClass(constructor);
    List<ConcurrencyGroupSpec> specs = new ArrayList<>();
    for (ConcurrencyGroup group : groups) {
      ConcurrencyGroupSpec.Builder spec =
          ConcurrencyGroupSpec.newBuilder()
              .setName(group.name())
              .setMaxConcurrency(group.maxConcurrency());
      for (RustyFunc method : group.methods()) {
        spec.addMethods(instanceMethodOf(actorClass, group.name(), method).descriptor());
      }
      specs.add(spec.build());
    }
    // The same check as the head's and the worker's: a method in two groups, a name used twice.
    new ConcurrencyGroupRouting(specs);
    return specs;
  }

  private static Class<?> actorClass(ResolvedFunction constructor) {
    return constructor.constructor()
        ? constructor.executable().getDeclaringClass()
        : ((Method) constructor.executable()).getReturnType();
  }

  private static ResolvedFunction instanceMethodOf(
      Class<?> actorClass, String group, RustyFunc method) {
    ResolvedFunction f;
    try {
      f = FunctionDescriptors.describe(method);
    } catch (RustyException e) {
      throw new IllegalArgumentException("concurrency group " + group + ": " + e.getMessage(), e);
    }
    if (f.constructor()
        || Modifier.isStatic(f.executable().getModifiers())
        || !f.executable().getDeclaringClass().isAssignableFrom(actorClass)) {
      throw new IllegalArgumentException(
          "concurrency group "
              + group
              + " names "
              + f.display()
              + ", which is not an instance method of the actor's class "
              + actorClass.getName()
              + (f.descriptor().getMethodName().startsWith("lambda$")
                  ? " (a lambda: pass a method reference such as MyActor::f)"
                  : ""));
    }
    return f;
  }
}

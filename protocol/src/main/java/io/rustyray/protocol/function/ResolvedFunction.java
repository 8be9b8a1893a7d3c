package io.rustyray.protocol.function;

import io.rustyray.protocol.proto.FunctionDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * A function named on the wire, and the method or constructor it resolved to in this process.
 *
 * @param descriptor the name that travels
 * @param executable the local method or constructor
 * @param constructor whether it builds an instance of its class
 */
public record ResolvedFunction(
    FunctionDescriptor descriptor, Executable executable, boolean constructor) {

  /**
   * @return the generic type of what the function returns (its class, for a constructor)
   */
  public Type resultType() {
    if (executable instanceof Constructor<?> c) {
      return c.getDeclaringClass();
    }
    return ((Method) executable).getGenericReturnType();
  }

  /**
   * @return a readable name such as {@code io.x.Fns.add(int, int)}
   */
  public String display() {
    return MethodResolver.display(descriptor);
  }
}

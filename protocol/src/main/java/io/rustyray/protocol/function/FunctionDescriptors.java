package io.rustyray.protocol.function;

import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.protocol.proto.FunctionDescriptor;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads which class and method a {@link RustyFunc} method reference names. Java compiles a
 * serializable lambda with a {@code writeReplace} method that returns a {@link SerializedLambda};
 * calling it locally is how the name is read (no object is serialized).
 */
public final class FunctionDescriptors {
  private static final Map<Class<?>, ResolvedFunction> CACHE = new ConcurrentHashMap<>();

  private FunctionDescriptors() {}

  /**
   * @param function a method reference or non-capturing lambda
   * @return what it names, with the local method for its result type
   */
  public static ResolvedFunction describe(RustyFunc function) {
    return CACHE.computeIfAbsent(function.getClass(), type -> read(function));
  }

  /**
   * @param constructor what {@code Rusty.actor} was given
   * @return what it names, which builds an instance
   * @throws RustyException when it is neither a constructor nor a static factory
   */
  public static ResolvedFunction describeActorConstructor(RustyFunc constructor) {
    ResolvedFunction f = describe(constructor);
    if (!f.constructor() && !java.lang.reflect.Modifier.isStatic(f.executable().getModifiers())) {
      throw new RustyException(
          "Rusty.actor needs a constructor or a static factory, such as Counter::new; got "
              + f.display());
    }
    return f;
  }

  /**
   * @param function what {@code Rusty.task} was given
   * @return what it names, a static method
   * @throws RustyException when it is not a static method
   */
  public static ResolvedFunction describeTask(RustyFunc function) {
    ResolvedFunction f = describe(function);
    if (f.constructor() || !java.lang.reflect.Modifier.isStatic(f.executable().getModifiers())) {
      throw new RustyException(
          "Rusty.task needs a static method, but "
              + f.display()
              + " is not static: create an actor and call it through its handle");
    }
    return f;
  }

  private static ResolvedFunction read(RustyFunc function) {
    SerializedLambda lambda;
    try {
      Method writeReplace = function.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      lambda = (SerializedLambda) writeReplace.invoke(function);
    } catch (ReflectiveOperationException | ClassCastException | SecurityException e) {
      throw new RustyException(
          "cannot tell which method "
              + function.getClass().getName()
              + " names; pass a method reference such as MyClass::myMethod",
          e);
    }
    if (lambda.getCapturedArgCount() > 0) {
      throw new RustyException(
          "the lambda in "
              + lambda.getImplClass().replace('/', '.')
              + " captures variables; pass them as arguments of the call instead");
    }
    FunctionDescriptor descriptor =
        FunctionDescriptor.newBuilder()
            .setClassName(lambda.getImplClass().replace('/', '.'))
            .setMethodName(lambda.getImplMethodName())
            .setSignature(lambda.getImplMethodSignature())
            .build();
    ClassLoader loader = function.getClass().getClassLoader();
    try {
      return new ResolvedFunction(
          descriptor,
          MethodResolver.resolve(descriptor, loader),
          lambda.getImplMethodKind() == MethodHandleInfo.REF_newInvokeSpecial);
    } catch (ReflectiveOperationException e) {
      throw new RustyException("cannot resolve " + MethodResolver.display(descriptor), e);
    }
  }
}

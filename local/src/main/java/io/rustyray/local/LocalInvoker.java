package io.rustyray.local;

import io.rustyray.protocol.codec.ValueCodec;
import io.rustyray.protocol.codec.ValueCodec.ValueCodecException;
import io.rustyray.protocol.function.ResolvedFunction;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Runs user code as a node does ({@code FunctionInvoker} in the runtime): reads the encoded
 * arguments into the parameter types, invokes, and encodes the result. Refusals carry the node's
 * status code and description word for word, so errors read the same in both modes.
 */
final class LocalInvoker {
  private final String nodeId;

  LocalInvoker(String nodeId) {
    this.nodeId = nodeId;
  }

  String nodeId() {
    return nodeId;
  }

  /** Reads the arguments into the parameter types of the function. */
  Object[] arguments(ResolvedFunction function, List<byte[]> args) throws CallRefused {
    Type[] types = function.executable().getGenericParameterTypes();
    if (types.length != args.size()) {
      throw new CallRefused(
          "INVALID_ARGUMENT",
          function.display()
              + " takes "
              + types.length
              + " argument(s), the call passed "
              + args.size(),
          null);
    }
    Object[] values = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      try {
        values[i] = ValueCodec.decode(args.get(i), types[i]);
      } catch (ValueCodecException e) {
        throw new CallRefused(
            "INVALID_ARGUMENT",
            "argument "
                + i
                + " of "
                + function.display()
                + " has the wrong type: "
                + e.getMessage(),
            e);
      }
      if (values[i] == null && types[i] instanceof Class<?> c && c.isPrimitive()) {
        throw new CallRefused(
            "INVALID_ARGUMENT",
            "argument " + i + " of " + function.display() + " cannot be null",
            null);
      }
    }
    return values;
  }

  /**
   * Calls a method and encodes what it returned.
   *
   * @param target the actor instance, or null for a static method
   * @return the encoded result
   * @throws CallRefused when the result cannot be encoded, or the method cannot be called
   * @throws UserCodeThrew when the method threw
   */
  byte[] invoke(Object target, ResolvedFunction function, Object[] args)
      throws CallRefused, UserCodeThrew {
    Object value;
    try {
      value = ((Method) function.executable()).invoke(target, args);
    } catch (InvocationTargetException e) {
      throw new UserCodeThrew(e.getCause());
    } catch (IllegalAccessException | IllegalArgumentException e) {
      throw new CallRefused("INVALID_ARGUMENT", "cannot call " + function.display() + ": " + e, e);
    }
    try {
      return ValueCodec.encode(value);
    } catch (ValueCodecException e) {
      throw new CallRefused(
          "INTERNAL", "the result of " + function.display() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Builds an actor instance.
   *
   * @throws CallRefused when the constructor threw (its class and message, as the node reports
   *     them) or cannot be called
   */
  Object construct(ResolvedFunction function, Object[] args) throws CallRefused {
    Executable executable = function.executable();
    try {
      if (executable instanceof Constructor<?> c) {
        return c.newInstance(args);
      }
      return ((Method) executable).invoke(null, args);
    } catch (InvocationTargetException e) {
      Throwable thrown = e.getCause();
      String message = thrown.getMessage() == null ? "" : thrown.getMessage();
      throw new CallRefused(
          "ABORTED",
          function.display()
              + " threw "
              + thrown.getClass().getName()
              + (message.isEmpty() ? "" : ": " + message),
          thrown);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new CallRefused(
          "INVALID_ARGUMENT", "cannot construct with " + function.display() + ": " + e, e);
    }
  }

  /** User code threw: the call's result is that exception, not a refusal. */
  static final class UserCodeThrew extends Exception {
    UserCodeThrew(Throwable thrown) {
      super(thrown);
    }
  }
}

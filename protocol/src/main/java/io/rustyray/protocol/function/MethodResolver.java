package io.rustyray.protocol.function;

import io.rustyray.protocol.proto.FunctionDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Finds the method or constructor that a {@link FunctionDescriptor} names. */
public final class MethodResolver {
  private MethodResolver() {}

  /**
   * @param descriptor class, method name and JVM descriptor
   * @param loader where to look for the class
   * @return the method or constructor, made accessible
   * @throws ClassNotFoundException when the class is not there
   * @throws NoSuchMethodException when the class has no such method
   */
  public static Executable resolve(FunctionDescriptor descriptor, ClassLoader loader)
      throws ClassNotFoundException, NoSuchMethodException {
    Class<?> type = Class.forName(descriptor.getClassName(), true, loader);
    List<Executable> candidates = new ArrayList<>();
    if (descriptor.getMethodName().equals("<init>")) {
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (!descriptor.getSignature().isEmpty() || Modifier.isPublic(c.getModifiers())) {
          candidates.add(c);
        }
      }
    } else {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Method m : c.getDeclaredMethods()) {
          if (m.getName().equals(descriptor.getMethodName())) {
            candidates.add(m);
          }
        }
      }
    }
    for (Executable candidate : candidates) {
      if (signatureOf(candidate).equals(descriptor.getSignature())) {
        candidate.setAccessible(true);
        return candidate;
      }
    }
    if (descriptor.getSignature().isEmpty() && candidates.size() == 1) {
      // Named without a signature (by a manifest, not by Java code): unambiguous by name.
      Executable only = candidates.get(0);
      only.setAccessible(true);
      return only;
    }
    if (descriptor.getSignature().isEmpty() && candidates.size() > 1) {
      throw new NoSuchMethodException(
          "class "
              + descriptor.getClassName()
              + " has "
              + candidates.size()
              + " "
              + (descriptor.getMethodName().equals("<init>")
                  ? "public constructors"
                  : "methods named " + descriptor.getMethodName())
              + "; without a signature the choice is ambiguous");
    }
    throw new NoSuchMethodException(
        "class " + descriptor.getClassName() + " has no method " + display(descriptor));
  }

  /**
   * @param descriptor a function name
   * @return a readable form, such as {@code io.x.Fns.add(int, int)}
   */
  public static String display(FunctionDescriptor descriptor) {
    String sig = descriptor.getSignature();
    String params = sig.isEmpty() ? "?" : readableParams(sig);
    String simpleClass =
        descriptor.getClassName().substring(descriptor.getClassName().lastIndexOf('.') + 1);
    String method =
        descriptor.getMethodName().equals("<init>")
            ? "new " + simpleClass
            : descriptor.getMethodName();
    return descriptor.getClassName() + "." + method + "(" + params + ")";
  }

  static String signatureOf(Executable executable) {
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> p : executable.getParameterTypes()) {
      sb.append(descriptorOf(p));
    }
    sb.append(')');
    if (executable instanceof Constructor<?>) {
      sb.append('V');
    } else {
      sb.append(descriptorOf(((Method) executable).getReturnType()));
    }
    return sb.toString();
  }

  private static String descriptorOf(Class<?> type) {
    if (type.isArray()) {
      return type.getName().replace('.', '/');
    }
    if (type.isPrimitive()) {
      return switch (type.getName()) {
        case "int" -> "I";
        case "long" -> "J";
        case "boolean" -> "Z";
        case "byte" -> "B";
        case "char" -> "C";
        case "short" -> "S";
        case "float" -> "F";
        case "double" -> "D";
        default -> "V";
      };
    }
    return "L" + type.getName().replace('.', '/') + ";";
  }

  private static String readableParams(String signature) {
    List<String> names = new ArrayList<>();
    int i = 1;
    while (i < signature.length() && signature.charAt(i) != ')') {
      int dims = 0;
      while (signature.charAt(i) == '[') {
        dims++;
        i++;
      }
      String name;
      char c = signature.charAt(i);
      if (c == 'L') {
        int end = signature.indexOf(';', i);
        name = signature.substring(i + 1, end).replace('/', '.');
        name = name.substring(name.lastIndexOf('.') + 1);
        i = end + 1;
      } else {
        name =
            switch (c) {
              case 'I' -> "int";
              case 'J' -> "long";
              case 'Z' -> "boolean";
              case 'B' -> "byte";
              case 'C' -> "char";
              case 'S' -> "short";
              case 'F' -> "float";
              case 'D' -> "double";
              default -> String.valueOf(c);
            };
        i++;
      }
      names.add(name + "[]".repeat(dims));
    }
    return String.join(", ", names);
  }
}

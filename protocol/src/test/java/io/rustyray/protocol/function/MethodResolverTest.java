package io.rustyray.protocol.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.protocol.proto.FunctionDescriptor;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

class MethodResolverTest {
  public static final class OneConstructor {
    public OneConstructor(int start, String name) {}
  }

  public static final class TwoConstructors {
    public TwoConstructors() {}

    public TwoConstructors(int start) {}
  }

  private static FunctionDescriptor constructorOf(Class<?> type) {
    return FunctionDescriptor.newBuilder()
        .setClassName(type.getName())
        .setMethodName("<init>")
        .build();
  }

  @Test
  void constructorNamedWithoutSignatureIsFoundWhenItIsTheOnlyPublicOne() throws Exception {
    assertThat(
            MethodResolver.resolve(
                constructorOf(OneConstructor.class), getClass().getClassLoader()))
        .isInstanceOf(Constructor.class)
        .extracting(e -> e.getParameterCount())
        .isEqualTo(2);
  }

  @Test
  void constructorNamedWithoutSignatureIsAmbiguousAmongSeveral() {
    assertThatThrownBy(
            () ->
                MethodResolver.resolve(
                    constructorOf(TwoConstructors.class), getClass().getClassLoader()))
        .isInstanceOf(NoSuchMethodException.class)
        .hasMessageContaining(
            "has 2 public constructors; without a signature the choice is ambiguous");
  }

  @Test
  void unknownClassIsClassNotFound() {
    FunctionDescriptor missing =
        FunctionDescriptor.newBuilder().setClassName("com.example.Nope").setMethodName("x").build();

    assertThatThrownBy(() -> MethodResolver.resolve(missing, getClass().getClassLoader()))
        .isInstanceOf(ClassNotFoundException.class);
  }
}

package io.rustyray.protocol.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc0;
import io.rustyray.api.function.RustyFunc1;
import io.rustyray.api.function.RustyFunc2;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionDescriptorsTest {

  static int add(int a, int b) {
    return a + b;
  }

  static long add(long a, long b) {
    return a + b;
  }

  static List<String> names() {
    return List.of("a");
  }

  static final class Box {
    private final int value;

    Box(int value) {
      this.value = value;
    }

    int value() {
      return value;
    }
  }

  @Test
  void staticMethodReferenceNamesClassMethodAndSignature() {
    RustyFunc2<Integer, Integer, Integer> f = FunctionDescriptorsTest::add;

    ResolvedFunction resolved = FunctionDescriptors.describe(f);

    assertThat(resolved.descriptor().getClassName())
        .isEqualTo(FunctionDescriptorsTest.class.getName());
    assertThat(resolved.descriptor().getMethodName()).isEqualTo("add");
    assertThat(resolved.descriptor().getSignature()).isEqualTo("(II)I");
    assertThat(resolved.display()).endsWith("FunctionDescriptorsTest.add(int, int)");
    assertThat(resolved.resultType()).isEqualTo(int.class);
  }

  @Test
  void overloadsAreToldApartBySignature() {
    RustyFunc2<Long, Long, Long> f = FunctionDescriptorsTest::add;

    assertThat(FunctionDescriptors.describe(f).descriptor().getSignature()).isEqualTo("(JJ)J");
  }

  @Test
  void genericResultTypeIsKeptForDecoding() {
    RustyFunc0<List<String>> f = FunctionDescriptorsTest::names;

    assertThat(FunctionDescriptors.describe(f).resultType().getTypeName())
        .isEqualTo("java.util.List<java.lang.String>");
  }

  @Test
  void constructorReferenceIsAConstructorOfItsClass() {
    RustyFunc1<Integer, Box> f = Box::new;

    ResolvedFunction resolved = FunctionDescriptors.describe(f);

    assertThat(resolved.constructor()).isTrue();
    assertThat(resolved.descriptor().getMethodName()).isEqualTo("<init>");
    assertThat(resolved.resultType()).isEqualTo(Box.class);
  }

  @Test
  void instanceMethodReferenceIsNotAConstructor() {
    RustyFunc1<Box, Integer> f = Box::value;

    ResolvedFunction resolved = FunctionDescriptors.describe(f);

    assertThat(resolved.constructor()).isFalse();
    assertThat(resolved.descriptor().getSignature()).isEqualTo("()I");
  }

  @Test
  void lambdaThatCapturesVariablesIsRefusedWithAHint() {
    int captured = 3;
    RustyFunc0<Integer> f = () -> captured + 1;

    assertThatThrownBy(() -> FunctionDescriptors.describe(f))
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("captures variables; pass them as arguments");
  }
}

package io.rustyray.protocol.concurrencygroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.concurrencygroup.ConcurrencyGroup;
import io.rustyray.api.concurrencygroup.ConcurrencyGroupBuilder;
import io.rustyray.api.function.RustyFunc0;
import io.rustyray.api.function.RustyFunc2;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.proto.ConcurrencyGroupSpec;
import io.rustyray.protocol.proto.FunctionDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencyGroupSpecsTest {
  static class Downloader {
    Downloader() {}

    long fetch(int page) {
      return page;
    }

    long parse() {
      return 0;
    }

    static Downloader create() {
      return new Downloader();
    }
  }

  static class Other {
    long elsewhere() {
      return 0;
    }
  }

  private static ResolvedFunction constructor() {
    return FunctionDescriptors.describeActorConstructor((RustyFunc0<Downloader>) Downloader::new);
  }

  @Test
  void aGroupTravelsWithItsMethodsNamedAsCallsNameThem() {
    ConcurrencyGroup io =
        new ConcurrencyGroupBuilder<Downloader>()
            .setName("io")
            .setMaxConcurrency(3)
            .addMethod(Downloader::fetch)
            .build();

    List<ConcurrencyGroupSpec> specs = ConcurrencyGroupSpecs.of(constructor(), List.of(io));

    FunctionDescriptor call =
        FunctionDescriptors.describe((RustyFunc2<Downloader, Integer, Long>) Downloader::fetch)
            .descriptor();
    assertThat(specs).hasSize(1);
    assertThat(specs.get(0).getName()).isEqualTo("io");
    assertThat(specs.get(0).getMaxConcurrency()).isEqualTo(3);
    assertThat(specs.get(0).getMethodsList()).containsExactly(call);
  }

  @Test
  void anActorMadeByAStaticFactoryHasTheFactorysResultClass() {
    ConcurrencyGroup compute =
        new ConcurrencyGroupBuilder<Downloader>()
            .setName("compute")
            .addMethod(Downloader::parse)
            .build();

    List<ConcurrencyGroupSpec> specs =
        ConcurrencyGroupSpecs.of(
            FunctionDescriptors.describeActorConstructor(
                (RustyFunc0<Downloader>) Downloader::create),
            List.of(compute));

    assertThat(specs.get(0).getMethods(0).getMethodName()).isEqualTo("parse");
  }

  @Test
  void aGroupNamingAMethodOfAnotherClassIsRefused() {
    ConcurrencyGroup wrong =
        new ConcurrencyGroupBuilder<Other>().setName("io").addMethod(Other::elsewhere).build();

    assertThatThrownBy(() -> ConcurrencyGroupSpecs.of(constructor(), List.of(wrong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("concurrency group io names")
        .hasMessageContaining("elsewhere")
        .hasMessageContaining("not an instance method of the actor's class");
  }

  @Test
  void aMethodInTwoGroupsIsRefused() {
    ConcurrencyGroup io =
        new ConcurrencyGroupBuilder<Downloader>()
            .setName("io")
            .addMethod(Downloader::fetch)
            .build();
    ConcurrencyGroup again =
        new ConcurrencyGroupBuilder<Downloader>()
            .setName("again")
            .addMethod(Downloader::fetch)
            .build();

    assertThatThrownBy(() -> ConcurrencyGroupSpecs.of(constructor(), List.of(io, again)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method fetch is in two concurrency groups, io and again");
  }
}

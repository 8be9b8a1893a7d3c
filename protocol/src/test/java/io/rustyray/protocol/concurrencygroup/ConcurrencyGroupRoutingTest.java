package io.rustyray.protocol.concurrencygroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.protocol.proto.ConcurrencyGroupSpec;
import io.rustyray.protocol.proto.FunctionDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencyGroupRoutingTest {
  private static final FunctionDescriptor FETCH = method("Downloader", "fetch", "(I)J");
  private static final FunctionDescriptor PARSE = method("Downloader", "parse", "()J");
  private static final FunctionDescriptor STATUS = method("Downloader", "status", "()J");

  private static FunctionDescriptor method(String type, String name, String signature) {
    return FunctionDescriptor.newBuilder()
        .setClassName(type)
        .setMethodName(name)
        .setSignature(signature)
        .build();
  }

  private static ConcurrencyGroupSpec group(String name, int max, FunctionDescriptor... methods) {
    return ConcurrencyGroupSpec.newBuilder()
        .setName(name)
        .setMaxConcurrency(max)
        .addAllMethods(List.of(methods))
        .build();
  }

  private final ConcurrencyGroupRouting routing =
      new ConcurrencyGroupRouting(List.of(group("io", 2, FETCH), group("compute", 1, PARSE)));

  @Test
  void aCallRunsInTheGroupItsMethodIsIn() {
    assertThat(routing.groupOf(FETCH, "")).isEqualTo("io");
    assertThat(routing.groupOf(PARSE, "")).isEqualTo("compute");
  }

  @Test
  void aMethodInNoGroupRunsInTheDefaultGroup() {
    assertThat(routing.groupOf(STATUS, "")).isEqualTo(ConcurrencyGroupRouting.DEFAULT_GROUP);
  }

  @Test
  void theGroupACallAsksForOverridesItsMethodsGroup() {
    assertThat(routing.groupOf(FETCH, "compute")).isEqualTo("compute");
    assertThat(routing.groupOf(STATUS, "io")).isEqualTo("io");
  }

  @Test
  void aMethodNamedThroughASubclassIsTheSameMethod() {
    assertThat(routing.groupOf(method("FastDownloader", "fetch", "(I)J"), "")).isEqualTo("io");
  }

  @Test
  void anOverloadWithAnotherSignatureIsAnotherMethod() {
    assertThat(routing.groupOf(method("Downloader", "fetch", "(J)J"), ""))
        .isEqualTo(ConcurrencyGroupRouting.DEFAULT_GROUP);
  }

  @Test
  void aCallerThatNamesNoSignatureFindsTheMethodByName() {
    assertThat(routing.groupOf(method("Downloader", "fetch", ""), "")).isEqualTo("io");
  }

  @Test
  void aCallThatAsksForAGroupTheActorDoesNotHaveIsRefusedNamingTheGroups() {
    assertThatThrownBy(() -> routing.groupOf(FETCH, "gpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the actor has no concurrency group named gpu; its groups are io, compute");
    assertThatThrownBy(() -> new ConcurrencyGroupRouting(List.of()).groupOf(FETCH, "io"))
        .hasMessageContaining("it declared none");
  }

  @Test
  void aMethodInTwoGroupsIsRefused() {
    assertThatThrownBy(
            () -> new ConcurrencyGroupRouting(List.of(group("io", 1, FETCH), group("x", 1, FETCH))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method fetch is in two concurrency groups, io and x");
  }

  @Test
  void twoGroupsWithOneNameAreRefused() {
    assertThatThrownBy(
            () -> new ConcurrencyGroupRouting(List.of(group("io", 1, FETCH), group("io", 1))))
        .hasMessage("two concurrency groups are named io");
  }

  @Test
  void aGroupWithoutANameOrWithALimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new ConcurrencyGroupRouting(List.of(group(" ", 1))))
        .hasMessage("a concurrency group needs a name");
    assertThatThrownBy(() -> new ConcurrencyGroupRouting(List.of(group("io", 0))))
        .hasMessage("concurrency group io: maxConcurrency must be 1 or more, got 0");
  }

  @Test
  void theGroupsAreListedInTheOrderTheyWereDeclared() {
    assertThat(routing.groups()).containsExactly(entry("io", 2), entry("compute", 1));
  }

  private static java.util.Map.Entry<String, Integer> entry(String name, int limit) {
    return java.util.Map.entry(name, limit);
  }
}

package io.rustyray.e2e.install;

import static io.rustyray.e2e.install.HelmChart.CHART;
import static io.rustyray.e2e.install.Manifests.withoutNamespaces;
import static io.rustyray.e2e.install.SameInstall.assertSameInSubstance;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart {@code deploy/helm/rustyray-operator}: lint-clean, and with its default values the
 * same install as the Kustomize base ({@link HelmChartValuesTest}: what each value changes).
 */
class HelmChartTest {
  private static InstallTools tools;
  private static List<HasMetadata> base;

  @BeforeAll
  static void renderTheKustomizeBase() throws IOException {
    tools = InstallTools.get();
    base = InstallTools.objects(tools.kustomize("deploy/kustomize/base"));
  }

  @Test
  void helmLintIsClean() throws IOException {
    String out = tools.helm("lint", "--strict", CHART);

    assertThat(out)
        .doesNotContain("[WARNING]")
        .doesNotContain("[ERROR]")
        .contains("1 chart(s) linted, 0 chart(s) failed");
  }

  @Test
  void defaultValuesRenderTheSameObjectsAsTheKustomizeBase() throws IOException {
    List<HasMetadata> chart = HelmChart.render(tools);

    // Helm installs into the release namespace (--create-namespace); the chart owns none.
    assertSameInSubstance(withoutNamespaces(base), chart);
  }

  @Test
  void oneWatchedNamespaceRendersTheSameObjectsAsTheSingleNamespaceOverlay() throws IOException {
    List<HasMetadata> overlay =
        InstallTools.objects(tools.kustomize("deploy/kustomize/overlays/single-namespace"));

    List<HasMetadata> chart =
        HelmChart.render(tools, "--set", "watchNamespaces={rustyray-workloads}");

    // The overlay also creates the watched namespace; with the chart it must exist already.
    assertSameInSubstance(withoutNamespaces(overlay), chart);
  }

  @Test
  void chartCrdsAreTheGeneratedCrds() throws IOException {
    Path generated = tools.repo().resolve("crds");
    Path copies = tools.repo().resolve(CHART).resolve("crds");

    assertThat(fileNames(copies)).isEqualTo(fileNames(generated, ".yml"));
    for (String name : fileNames(generated, ".yml")) {
      assertThat(Files.mismatch(generated.resolve(name), copies.resolve(name)))
          .as("%s differs from crds/%s: copy it over", CHART + "/crds/" + name, name)
          .isEqualTo(-1L);
    }
  }

  private static Set<String> fileNames(Path dir, String... suffixes) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> suffixes.length == 0 || Stream.of(suffixes).anyMatch(n::endsWith))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}

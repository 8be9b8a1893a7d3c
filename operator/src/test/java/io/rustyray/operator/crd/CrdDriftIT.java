package io.rustyray.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CRDs committed under crds/ are exactly what the build generates from the Java classes. */
class CrdDriftIT {
  @Test
  void committedCrdsMatchTheGeneratedOnes() throws Exception {
    Path generated = Path.of(System.getProperty("rustyray.generated.dir", "target/kubernetes"));
    Path committed = Path.of(System.getProperty("rustyray.crds.dir", "../crds"));
    for (String plural : List.of("rustyclusters", "rustyactors", "rustyjobs")) {
      String file = plural + ".rustyray.io-v1.yml";
      assertThat(Files.readString(committed.resolve(file)))
          .as(
              "crds/%s differs from the generated %s: copy target/kubernetes/%s to crds/ and"
                  + " deploy/helm/rustyray-operator/crds/",
              file, file, file)
          .isEqualTo(Files.readString(generated.resolve(file)));
    }
  }
}

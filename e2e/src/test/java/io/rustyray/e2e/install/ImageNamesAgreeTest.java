package io.rustyray.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.rustyray.e2e.kubelet.KubeletConfig;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The image names and tags are set once, in the root pom.xml ({@code rustyray.image.registry},
 * {@code rustyray.image.tag}); everything that names an image agrees with it.
 */
class ImageNamesAgreeTest {
  private static InstallTools tools;
  private static String operatorImage;
  private static String runtimeImage;

  @BeforeAll
  static void readThePom() throws Exception {
    tools = InstallTools.get();
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(tools.repo().resolve("pom.xml").toFile());
    String registry = pom.getElementsByTagName("rustyray.image.registry").item(0).getTextContent();
    String tag = pom.getElementsByTagName("rustyray.image.tag").item(0).getTextContent();
    operatorImage = registry.trim() + "/rustyray-operator:" + tag.trim();
    runtimeImage = registry.trim() + "/rustyray-runtime:" + tag.trim();
  }

  private static String deploymentImage(String yaml) {
    return InstallTools.only(InstallTools.objects(yaml), Deployment.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  @Test
  void theOperatorsDefaultRuntimeImageIsThePomsRuntimeImage() throws Exception {
    Path built =
        tools
            .repo()
            .resolve("operator/target/classes/io/rustyray/operator/common/images.properties");
    assertThat(built).as("the operator must be built first").exists();
    Properties images = new Properties();
    images.load(new StringReader(Files.readString(built)));

    assertThat(images.getProperty("runtime")).isEqualTo(runtimeImage);
    assertThat(images.getProperty("operator")).isEqualTo(operatorImage);
  }

  @Test
  void theKustomizeBaseDeploysThePomsOperatorImage() throws Exception {
    assertThat(deploymentImage(tools.kustomize("deploy/kustomize/base"))).isEqualTo(operatorImage);
  }

  @Test
  void theHelmChartDeploysThePomsOperatorImageByDefault() throws Exception {
    String rendered =
        tools.helm(
            "template",
            "rustyray-operator",
            tools.repo().resolve("deploy/helm/rustyray-operator").toString(),
            "--namespace",
            "rustyray-system");

    assertThat(deploymentImage(rendered)).isEqualTo(operatorImage);
  }

  @Test
  void theDockerfilesTagTheirImagesWithThePomsNames() throws Exception {
    assertThat(dockerBuildTag("operator/src/main/docker/Dockerfile.jvm")).isEqualTo(operatorImage);
    assertThat(dockerBuildTag("runtime-image/src/main/docker/Dockerfile.jvm"))
        .isEqualTo(runtimeImage);
  }

  @Test
  void theProcessKubeletRunsThePomsRuntimeImage() {
    assertThat(runtimeImage).matches(KubeletConfig.DEFAULT_IMAGE);
  }

  private String dockerBuildTag(String dockerfile) throws Exception {
    Matcher m =
        Pattern.compile("docker build .* -t (\\S+)")
            .matcher(Files.readString(tools.repo().resolve(dockerfile)));
    assertThat(m.find()).as(dockerfile + " says how to build and tag it").isTrue();
    return m.group(1);
  }
}

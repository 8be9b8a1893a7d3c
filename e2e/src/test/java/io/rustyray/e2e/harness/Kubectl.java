package io.rustyray.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** kubectl against the local control plane, in one namespace, as a user would type it. */
public final class Kubectl {
  private final LocalControlPlane controlPlane;
  private final String namespace;

  /**
   * @param controlPlane the control plane
   * @param namespace the namespace every command runs in
   */
  public Kubectl(LocalControlPlane controlPlane, String namespace) {
    this.controlPlane = controlPlane;
    this.namespace = namespace;
  }

  /**
   * @param args kubectl's arguments
   * @return what it printed and its exit code
   */
  public LocalControlPlane.Result run(String... args) throws Exception {
    return controlPlane.kubectl(inNamespace(args));
  }

  /**
   * @param manifest what kubectl reads on standard input
   * @param args kubectl's arguments, e.g. apply -f -
   * @return what it printed and its exit code
   */
  public LocalControlPlane.Result runWithInput(String manifest, String... args) throws Exception {
    return controlPlane.kubectlWithInput(manifest, inNamespace(args));
  }

  /**
   * @param resource e.g. rustyjob/pi
   * @param path a jsonpath expression
   * @return what it selects, or empty when the resource is not there
   */
  public String jsonpath(String resource, String path) throws Exception {
    LocalControlPlane.Result r = run("get", resource, "-o", "jsonpath=" + path);
    return r.exitCode() == 0 ? r.output().trim() : "";
  }

  /**
   * @param r a kubectl run
   * @return it, after checking it succeeded (its output is the failure message)
   */
  public static LocalControlPlane.Result ok(LocalControlPlane.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r;
  }

  private String[] inNamespace(String... args) {
    List<String> all = new ArrayList<>(List.of("-n", namespace));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }
}

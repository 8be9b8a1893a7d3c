package io.rustyray.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.rustyray.e2e.install.RbacRules.Grant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's RBAC in deploy/ grants exactly what its code uses. The code's needs are what the
 * operator's build derives from the reconcilers, their dependent resources and their
 * {@code @RBACRule} annotations ({@code operator/target/kubernetes/kubernetes.yml}), with two
 * tightenings: the build grants create and delete on every primary resource although the
 * reconcilers never create or delete their primaries (those that do, say so with
 * {@code @RBACRule}), and the Lease of leader election is granted in the operator's namespace only.
 */
class RbacDerivedFromCodeTest {
  private static final Set<String> PRIMARY_VERBS_NOT_USED = Set.of("create", "delete");

  private static List<HasMetadata> generated;
  private static List<HasMetadata> base;

  @BeforeAll
  static void render() throws Exception {
    InstallTools tools = InstallTools.get();
    Path kubernetesYml = tools.repo().resolve("operator/target/kubernetes/kubernetes.yml");
    assertThat(kubernetesYml)
        .as("the operator must be built first (mvn verify builds it before e2e)")
        .exists();
    generated = InstallTools.objects(Files.readString(kubernetesYml));
    base = InstallTools.objects(tools.kustomize("deploy/kustomize/base"));
  }

  /** The grants the operator's code needs, as the build derived them, tightened as said above. */
  private static Set<Grant> codeNeeds() {
    Set<Grant> needs = new TreeSet<>();
    for (HasMetadata o : generated) {
      if (o instanceof ClusterRole role) {
        for (PolicyRule rule : role.getRules()) {
          boolean primaryRule =
              rule.getResources().stream().anyMatch(r -> r.endsWith("/finalizers"));
          for (Grant g : RbacRules.grants(List.of(rule))) {
            if (!(primaryRule && PRIMARY_VERBS_NOT_USED.contains(g.verb()))) {
              needs.add(g);
            }
          }
        }
      }
    }
    return needs;
  }

  private static Set<Grant> leases(Set<Grant> grants) {
    return grants.stream()
        .filter(g -> g.resource().equals("leases"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theClusterRoleGrantsExactlyWhatTheReconcilersUseApartFromTheLease() {
    Set<Grant> expected = new TreeSet<>(codeNeeds());
    expected.removeAll(leases(expected));

    assertThat(RbacRules.ofRole(base, "ClusterRole", "rustyray-operator"))
        .as("ClusterRole rustyray-operator vs. what the code uses")
        .containsExactlyElementsOf(expected);
  }

  @Test
  void theLeaseOfLeaderElectionIsGrantedInTheOperatorsNamespaceOnly() {
    Set<Grant> lease = leases(codeNeeds());
    assertThat(lease).isNotEmpty();

    var role =
        base.stream()
            .filter(
                o ->
                    o.getKind().equals("Role")
                        && o.getMetadata().getName().equals("rustyray-operator-leader-election"))
            .findFirst()
            .orElseThrow();
    assertThat(role.getMetadata().getNamespace()).isEqualTo("rustyray-system");
    assertThat(RbacRules.ofRole(base, "Role", "rustyray-operator-leader-election"))
        .containsExactlyElementsOf(lease);
  }

  @Test
  void theServiceAccountIsBoundToTheOperatorsOwnRolesOnly() {
    // The build also binds the ServiceAccount to the built-in "view" ClusterRole; the operator
    // reads nothing that its own rules do not grant, so deploy/ leaves that binding out.
    List<String> roleRefs =
        base.stream()
            .filter(o -> o instanceof ClusterRoleBinding || o instanceof RoleBinding)
            .map(RbacRules::roleRef)
            .map(r -> r.getKind() + "/" + r.getName())
            .sorted()
            .toList();

    assertThat(roleRefs)
        .containsExactly("ClusterRole/rustyray-operator", "Role/rustyray-operator-leader-election");
  }

  @Test
  void theSingleNamespaceOverlayGrantsTheSameRulesWithARoleInTheWatchedNamespace()
      throws Exception {
    List<HasMetadata> overlay =
        InstallTools.objects(
            InstallTools.get().kustomize("deploy/kustomize/overlays/single-namespace"));

    assertThat(overlay)
        .as("no cluster-wide RBAC in the single-namespace overlay")
        .noneMatch(o -> o.getKind().startsWith("ClusterRole"));
    assertThat(RbacRules.ofRole(overlay, "Role", "rustyray-operator"))
        .containsExactlyElementsOf(RbacRules.ofRole(base, "ClusterRole", "rustyray-operator"));
    var role =
        overlay.stream()
            .filter(
                o ->
                    o.getKind().equals("Role")
                        && o.getMetadata().getName().equals("rustyray-operator"))
            .findFirst()
            .orElseThrow();
    var deployment =
        overlay.stream().filter(o -> o.getKind().equals("Deployment")).findFirst().orElseThrow();
    String watched =
        ((io.fabric8.kubernetes.api.model.apps.Deployment) deployment)
            .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("RUSTYRAY_OPERATOR_NAMESPACES"))
                .findFirst()
                .orElseThrow()
                .getValue();
    assertThat(role.getMetadata().getNamespace())
        .isEqualTo(watched)
        .isEqualTo("rustyray-workloads");
    RoleBinding binding =
        overlay.stream()
            .filter(
                o ->
                    o instanceof RoleBinding b
                        && b.getRoleRef().getName().equals("rustyray-operator"))
            .map(RoleBinding.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(binding.getMetadata().getNamespace()).isEqualTo(watched);
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo("rustyray-operator");
              assertThat(s.getNamespace()).isEqualTo("rustyray-system");
            });
  }
}

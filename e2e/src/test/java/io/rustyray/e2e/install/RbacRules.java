package io.rustyray.e2e.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** RBAC rules flattened into comparable grants, one per API group, resource and verb. */
public final class RbacRules {
  /**
   * One right: a verb on a resource of an API group.
   *
   * @param apiGroup the API group ("" for the core group)
   * @param resource the resource, possibly with a subresource ({@code rustyjobs/status})
   * @param verb the verb
   */
  public record Grant(String apiGroup, String resource, String verb) implements Comparable<Grant> {
    @Override
    public int compareTo(Grant o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource + ":" + verb;
    }
  }

  private RbacRules() {}

  /**
   * @param rules RBAC rules
   * @return every grant they make
   */
  public static Set<Grant> grants(Collection<PolicyRule> rules) {
    Set<Grant> grants = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            grants.add(new Grant(group, resource, verb));
          }
        }
      }
    }
    return grants;
  }

  /**
   * @param role a Role or a ClusterRole
   * @return every grant it makes
   */
  public static Set<Grant> of(HasMetadata role) {
    if (role instanceof ClusterRole r) {
      return grants(r.getRules());
    } else if (role instanceof Role r) {
      return grants(r.getRules());
    }
    throw new IllegalArgumentException("not a role: " + role.getKind());
  }

  /**
   * @param objects manifests' objects
   * @param kind Role or ClusterRole
   * @param name the role's name
   * @return the grants of that role
   */
  public static Set<Grant> ofRole(List<HasMetadata> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
        .findFirst()
        .map(RbacRules::of)
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the manifests"));
  }

  /**
   * @param expected the grants wanted
   * @param actual the grants made
   * @return the grants only one side has, as "missing: ..." and "extra: ..." lines
   */
  public static List<String> missingAndExtra(Set<Grant> expected, Set<Grant> actual) {
    List<String> differences = new ArrayList<>();
    expected.stream()
        .filter(g -> !actual.contains(g))
        .forEach(g -> differences.add("missing: " + g));
    actual.stream().filter(g -> !expected.contains(g)).forEach(g -> differences.add("extra: " + g));
    return differences;
  }

  /**
   * @param binding a RoleBinding or a ClusterRoleBinding
   * @return the role it grants
   */
  public static RoleRef roleRef(HasMetadata binding) {
    if (binding instanceof ClusterRoleBinding b) {
      return b.getRoleRef();
    } else if (binding instanceof RoleBinding b) {
      return b.getRoleRef();
    }
    throw new IllegalArgumentException("not a binding: " + binding.getKind());
  }
}

package io.rustyray.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Finding objects in rendered manifests by kind, namespace and name. */
final class Manifests {
  private Manifests() {}

  /**
   * An object's identity in the cluster.
   *
   * @param kind its kind
   * @param namespace its namespace, null for cluster-scoped kinds
   * @param name its name
   */
  record Ref(String kind, String namespace, String name) {
    static Ref of(HasMetadata o) {
      return new Ref(o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    @Override
    public String toString() {
      return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
  }

  static Set<Ref> refs(List<HasMetadata> objects) {
    return objects.stream().map(Ref::of).collect(Collectors.toSet());
  }

  /** The object with that identity, or null. */
  static HasMetadata find(List<HasMetadata> objects, Ref ref) {
    return objects.stream().filter(o -> Ref.of(o).equals(ref)).findFirst().orElse(null);
  }

  /** The object with that identity; fails the test, naming what there is, when it is missing. */
  static HasMetadata the(List<HasMetadata> objects, String kind, String ns, String name) {
    Ref ref = new Ref(kind, ns, name);
    HasMetadata found = find(objects, ref);
    assertThat(found).as("%s in %s", ref, refs(objects)).isNotNull();
    return found;
  }

  static List<HasMetadata> ofKind(List<HasMetadata> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  static List<HasMetadata> named(List<HasMetadata> objects, String name) {
    return objects.stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
  }

  static List<String> namespacesOf(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getNamespace()).toList();
  }

  static List<HasMetadata> withoutNamespaces(List<HasMetadata> objects) {
    return objects.stream().filter(o -> !"Namespace".equals(o.getKind())).toList();
  }

  /** The subjects of a RoleBinding or a ClusterRoleBinding. */
  static List<Subject> subjects(HasMetadata binding) {
    if (binding instanceof ClusterRoleBinding b) {
      return b.getSubjects();
    } else if (binding instanceof RoleBinding b) {
      return b.getSubjects();
    }
    throw new IllegalArgumentException("not a binding: " + Ref.of(binding));
  }
}

package io.rustyray.operator.head;

/**
 * A RustyCluster by namespace and name.
 *
 * @param namespace the namespace
 * @param name the cluster's name
 */
public record ClusterKey(String namespace, String name) {
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}

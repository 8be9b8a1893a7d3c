package io.rustyray.operator.common;

/**
 * A CamelCase reason carried by a condition or an Event. Each kind lists every reason its code
 * writes in an enum implementing this, so that what Argo CD's health checks test for can be checked
 * against what the operator really writes.
 */
public interface Reason {
  /**
   * @return the reason as Kubernetes shows it, e.g. ClusterNotFound
   */
  String name();
}

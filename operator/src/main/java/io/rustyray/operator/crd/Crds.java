package io.rustyray.operator.crd;

/** Names shared by the three resources and everything that refers to them. */
public final class Crds {
  public static final String GROUP = "rustyray.io";
  public static final String VERSION = "v1alpha1";
  public static final String CATEGORY = "rusty";

  /** A DNS-1123 label: what a Kubernetes object name (and our pod-name parts) may be. */
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  private Crds() {}
}

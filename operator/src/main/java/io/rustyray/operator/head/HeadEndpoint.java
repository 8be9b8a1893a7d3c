package io.rustyray.operator.head;

/**
 * Where and how the operator reaches a cluster's head.
 *
 * @param address host:port of the head's GCS (the head pod's IP, not the Service, so that the
 *     operator talks to the pod it observed)
 * @param token the cluster token; empty when the cluster has auth off
 */
public record HeadEndpoint(String address, String token) {
  @Override
  public String toString() {
    return address;
  }
}

package io.rustyray.operator.common;

/**
 * Names and labels of the objects the operator creates, shared by the dependents, the status
 * computation and the tests.
 */
public final class Names {
  public static final String LABEL_CLUSTER = "rustyray.io/cluster";
  public static final String LABEL_NODE_TYPE = "rustyray.io/node-type";
  public static final String LABEL_GROUP = "rustyray.io/group";
  public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "rustyray-operator";

  /** Selector of everything the operator manages, for the informers of its dependents. */
  public static final String MANAGED_SELECTOR = LABEL_MANAGED_BY + "=" + MANAGED_BY;

  public static final String ANNOTATION_TEMPLATE_HASH = "rustyray.io/template-hash";
  public static final String NODE_TYPE_HEAD = "head";
  public static final String NODE_TYPE_WORKER = "worker";

  /** Key of the cluster token in the auth Secret. */
  public static final String TOKEN_KEY = "token";

  private Names() {}

  /**
   * @param cluster the RustyCluster's name
   * @return the head Service's name
   */
  public static String headService(String cluster) {
    return cluster + "-head";
  }

  /**
   * @param cluster the RustyCluster's name
   * @return the auth Secret's name
   */
  public static String authSecret(String cluster) {
    return cluster + "-auth";
  }

  /**
   * @param cluster the RustyCluster's name
   * @return the prefix of head pod names (a random suffix follows)
   */
  public static String headPodPrefix(String cluster) {
    return cluster + "-head-";
  }

  /**
   * @param cluster the RustyCluster's name
   * @param group the worker group
   * @return the prefix of that group's pod names (a random suffix follows)
   */
  public static String workerPodPrefix(String cluster, String group) {
    return cluster + "-" + group + "-";
  }

  /**
   * @param cluster the RustyCluster's name
   * @return the name of the PersistentVolumeClaim of a head whose GCS store is a volume
   */
  public static String headGcsClaim(String cluster) {
    return cluster + "-head-gcs";
  }

  /**
   * @param job the RustyJob's name
   * @return the name of the cluster created for a job with clusterSpec
   */
  public static String jobCluster(String job) {
    return job + "-cluster";
  }
}

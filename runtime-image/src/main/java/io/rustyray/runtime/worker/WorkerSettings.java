package io.rustyray.runtime.worker;

import java.util.Map;

/**
 * What a worker process is told by the node that starts it, through its environment.
 *
 * @param workerId the worker's id, as the node knows it
 * @param jobId the job whose code it runs
 * @param nodeId its node's id
 * @param nodeAddress its node's {@code host:port}: it registers there and stores large results
 * @param headAddress the head's {@code host:port}, for the calls its code makes
 * @param token the cluster token
 * @param bindHost the address it listens on
 * @param advertisedHost the address callers reach it at
 * @param taskSlots how many tasks it runs at once
 * @param namespace its job's namespace, which its code's named actors live in
 */
public record WorkerSettings(
    String workerId,
    String jobId,
    String nodeId,
    String nodeAddress,
    String headAddress,
    String token,
    String bindHost,
    String advertisedHost,
    int taskSlots,
    String namespace) {
  public static final String WORKER_ID = "RUSTYRAY_WORKER_ID";
  public static final String JOB_ID = "RUSTYRAY_JOB_ID";
  public static final String NODE_ID = "RUSTYRAY_NODE_ID";
  public static final String NODE_ADDRESS = "RUSTYRAY_NODE_ADDRESS";
  public static final String HEAD_ADDRESS = "RUSTYRAY_ADDRESS";
  public static final String TOKEN = "RUSTYRAY_TOKEN";
  public static final String BIND_HOST = "RUSTYRAY_WORKER_BIND";
  public static final String ADVERTISED_HOST = "RUSTYRAY_NODE_IP";
  public static final String TASK_SLOTS = "RUSTYRAY_TASK_SLOTS";
  public static final String NAMESPACE = "RUSTYRAY_NAMESPACE";

  /** A node's settings for its workers, before it knows which worker and job they are for. */
  public static WorkerSettings ofNode(
      String nodeId,
      String nodeAddress,
      String headAddress,
      String token,
      String bindHost,
      String advertisedHost,
      int taskSlots) {
    return new WorkerSettings(
        "", "", nodeId, nodeAddress, headAddress, token, bindHost, advertisedHost, taskSlots, "");
  }

  /** These settings for one worker of one job, in the job's namespace. */
  public WorkerSettings forWorker(String workerId, String jobId, String namespace) {
    return new WorkerSettings(
        workerId,
        jobId,
        nodeId,
        nodeAddress,
        headAddress,
        token,
        bindHost,
        advertisedHost,
        taskSlots,
        namespace);
  }

  /** The environment a node gives the worker process it starts. */
  public Map<String, String> toEnv() {
    return Map.of(
        WORKER_ID, workerId,
        JOB_ID, jobId,
        NODE_ID, nodeId,
        NODE_ADDRESS, nodeAddress,
        HEAD_ADDRESS, headAddress,
        TOKEN, token,
        BIND_HOST, bindHost,
        ADVERTISED_HOST, advertisedHost,
        TASK_SLOTS, String.valueOf(taskSlots),
        NAMESPACE, namespace);
  }

  static WorkerSettings fromEnv(Map<String, String> env) {
    return new WorkerSettings(
        required(env, WORKER_ID),
        required(env, JOB_ID),
        required(env, NODE_ID),
        required(env, NODE_ADDRESS),
        required(env, HEAD_ADDRESS),
        env.getOrDefault(TOKEN, ""),
        required(env, BIND_HOST),
        required(env, ADVERTISED_HOST),
        Integer.parseInt(env.getOrDefault(TASK_SLOTS, "1")),
        env.getOrDefault(NAMESPACE, ""));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          name + " is not set: a worker process is started by its node, not by hand");
    }
    return value;
  }
}

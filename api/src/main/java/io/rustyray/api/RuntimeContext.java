package io.rustyray.api;

/**
 * Where the calling code runs.
 *
 * @param nodeId the node that runs this code, or empty in a driver outside the cluster
 * @param jobId the job this process belongs to
 */
public record RuntimeContext(String nodeId, String jobId) {}

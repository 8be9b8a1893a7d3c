package io.rustyray.examples;

/**
 * A value together with the node that computed it.
 *
 * @param value the value
 * @param nodeId the node that ran the call
 */
public record NodeTagged(long value, String nodeId) {}

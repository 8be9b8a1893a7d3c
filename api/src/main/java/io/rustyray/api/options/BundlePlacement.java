package io.rustyray.api.options;

/**
 * Where in a placement group a task or actor runs.
 *
 * @param placementGroupId the group's id
 * @param bundleIndex the bundle's index, or -1 for any bundle of the group
 */
public record BundlePlacement(String placementGroupId, int bundleIndex) {
  /** Any bundle of the group. */
  public static final int ANY_BUNDLE = -1;
}

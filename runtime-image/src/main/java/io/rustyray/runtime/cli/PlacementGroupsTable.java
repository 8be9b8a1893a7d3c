package io.rustyray.runtime.cli;

import io.rustyray.protocol.proto.BundleInfo;
import io.rustyray.protocol.proto.PlacementGroupInfo;
import io.rustyray.protocol.proto.Resources;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The placement groups section of {@code rustyray status}: each group, its bundles and nodes. */
final class PlacementGroupsTable {
  private PlacementGroupsTable() {}

  static void print(PrintWriter out, List<PlacementGroupInfo> groups) {
    Table table = new Table("NAME", "PLACEMENT GROUP", "STRATEGY", "STATE", "BUNDLES", "DETAIL");
    for (PlacementGroupInfo g : groups) {
      table.row(
          g.getSpec().getName().isEmpty() ? "-" : g.getSpec().getName(),
          g.getPlacementGroupId(),
          g.getSpec().getStrategy().name().substring("STRATEGY_".length()),
          g.getState().name().substring("PG_".length()),
          g.getBundlesList().stream()
              .map(PlacementGroupsTable::bundle)
              .collect(Collectors.joining(", ")),
          !g.getRemovalCause().isEmpty()
              ? g.getRemovalCause()
              : g.getPendingReason() + (g.getSpec().getDetached() ? " (detached)" : ""));
    }
    out.println();
    out.println("Placement groups");
    table.print(out);
    out.flush();
  }

  /** "0:{cpu=1}@w1", or "1:{cpu=1}@-" for a bundle not reserved. */
  static String bundle(BundleInfo b) {
    return b.getIndex()
        + ":"
        + amounts(b.getResources())
        + "@"
        + (b.getNodeId().isEmpty() ? "-" : b.getNodeId());
  }

  private static String amounts(Resources resources) {
    Map<String, Double> sorted = new TreeMap<>(resources.getAmountsMap());
    return sorted.entrySet().stream()
        .map(
            e ->
                e.getKey()
                    + "="
                    + (e.getValue() == Math.rint(e.getValue())
                        ? Long.toString(e.getValue().longValue())
                        : e.getValue().toString()))
        .collect(Collectors.joining(",", "{", "}"));
  }
}

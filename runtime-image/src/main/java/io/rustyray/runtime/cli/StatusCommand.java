package io.rustyray.runtime.cli;

import io.grpc.StatusRuntimeException;
import io.rustyray.protocol.checkpoint.CheckpointPolicies;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.CheckpointInfo;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetHeadInfoRequest;
import io.rustyray.protocol.proto.HeadInfo;
import io.rustyray.protocol.proto.ListActorsRequest;
import io.rustyray.protocol.proto.ListNodesRequest;
import io.rustyray.protocol.proto.ListPlacementGroupsRequest;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.protocol.transport.Channels;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rustyray status}: the nodes and actors the head knows, as tables. */
@Command(
    mixinStandardHelpOptions = true,
    name = "status",
    description = "Shows the nodes, actors and placement groups of a cluster.")
public class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HeadConnection head;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Channels channels = head.channels()) {
      GcsServiceGrpc.GcsServiceBlockingStub gcs =
          head.blocking(channels).withDeadlineAfter(10, TimeUnit.SECONDS);
      List<NodeInfo> nodes = gcs.listNodes(ListNodesRequest.getDefaultInstance()).getNodesList();
      List<ActorInfo> actors =
          gcs.listActors(ListActorsRequest.getDefaultInstance()).getActorsList();
      out.println(describe(gcs.getHeadInfo(GetHeadInfoRequest.getDefaultInstance())));
      out.println();
      print(out, nodes, actors);
      PlacementGroupsTable.print(
          out,
          gcs.listPlacementGroups(ListPlacementGroupsRequest.getDefaultInstance())
              .getPlacementGroupsList());
      return 0;
    } catch (StatusRuntimeException e) {
      spec.commandLine()
          .getErr()
          .printf(
              "error: cannot read the cluster at %s: %s%s%n",
              head.address,
              e.getStatus().getCode(),
              e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
      return 1;
    }
  }

  /** One line on the head: its store, its incarnation on it, and what it recovered. */
  static String describe(HeadInfo head) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                "Head %s, incarnation %d on %s%s",
                head.getHeadId(),
                head.getClusterIncarnation(),
                head.getStore(),
                head.getDurable() ? "" : " (lost with the head)"));
    if (head.getClusterIncarnation() > 1) {
      line.append(
          String.format(
              "; recovered %d actor(s), %d job(s), %d KV entries",
              head.getRecoveredActors(), head.getRecoveredJobs(), head.getRecoveredKvEntries()));
      if (head.getActorsLostWithNodes() > 0) {
        line.append(
            String.format("; %d actor(s) lost with their nodes", head.getActorsLostWithNodes()));
      }
    }
    if (head.getRecovering()) {
      line.append("; waiting for nodes to register again");
    }
    if (!head.getStoreReachable()) {
      line.append("; STORE UNREACHABLE: writes are refused");
    }
    return line.toString();
  }

  static void print(PrintWriter out, List<NodeInfo> nodes, List<ActorInfo> actors) {
    Table nodeTable =
        new Table(
            "NODE",
            "ADDRESS",
            "STATE",
            "ROLE",
            "RESOURCES (available/total)",
            "OBJECT STORE (used/capacity)");
    for (NodeInfo n : nodes) {
      nodeTable.row(
          n.getNodeId(),
          n.getAddress(),
          n.getState() == NodeState.NODE_ALIVE ? "ALIVE" : "DEAD (" + n.getDeathCause() + ")",
          n.getIsHead() ? "head" : "worker",
          resources(n),
          n.getStoreCapacityBytes() == 0
              ? "-"
              : String.format(
                  "%s/%s MiB, %d object(s)%s",
                  oneDecimal(n.getStoreUsedBytes()),
                  mib(n.getStoreCapacityBytes()),
                  n.getStoreObjects(),
                  n.getStoreSpilledBytes() == 0
                      ? ""
                      : ", " + oneDecimal(n.getStoreSpilledBytes()) + " MiB spilled"));
    }
    Table actorTable =
        new Table(
            "NAMESPACE",
            "NAME",
            "ACTOR",
            "STATE",
            "NODE",
            "WORKER PID",
            "RESTARTS",
            "DURABLE",
            "CLASS",
            "DETAIL");
    for (ActorInfo a : actors) {
      actorTable.row(
          a.getNamespace().isEmpty() ? "-" : a.getNamespace(),
          a.getName().isEmpty() ? "-" : a.getName(),
          a.getActorId(),
          a.getState().name(),
          a.getNodeId().isEmpty() ? "-" : a.getNodeId(),
          a.getWorkerPid() == 0 ? "-" : String.valueOf(a.getWorkerPid()),
          a.getMaxRestarts() == -1
              ? a.getRestarts() + "/inf"
              : a.getRestarts() + "/" + a.getMaxRestarts(),
          durability(a),
          a.getClassName(),
          !a.getDeathCause().isEmpty() ? a.getDeathCause() : a.getPendingReason());
    }
    out.println("Nodes");
    nodeTable.print(out);
    out.println();
    out.println("Actors");
    actorTable.print(out);
    out.println();
    long alive = nodes.stream().filter(n -> n.getState() == NodeState.NODE_ALIVE).count();
    Map<ActorState, Long> byState =
        actors.stream()
            .collect(
                Collectors.groupingBy(ActorInfo::getState, TreeMap::new, Collectors.counting()));
    out.printf(
        "%d node(s) alive, %d dead; %d actor(s)%s%n",
        alive,
        nodes.size() - alive,
        actors.size(),
        byState.isEmpty()
            ? ""
            : byState.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ", ": ", "")));
    out.flush();
  }

  /** "-", or the policy, the calls the newest checkpoint includes, and the restores from it. */
  static String durability(ActorInfo a) {
    if (!a.hasCheckpoint()) {
      return "-";
    }
    CheckpointInfo c = a.getCheckpoint();
    return CheckpointPolicies.describe(c.getPolicy())
        + (c.getTakenAtMs() == 0 ? ", none kept yet" : ", kept at call " + c.getCalls())
        + (c.getRestores() == 0 ? "" : ", " + c.getRestores() + " restore(s)");
  }

  private static String resources(NodeInfo n) {
    Map<String, Double> available = n.getResourcesAvailable().getAmountsMap();
    Function<String, String> fmt =
        name -> {
          double total = n.getResourcesTotal().getAmountsOrDefault(name, 0);
          String shown = name.equals("memory") ? mib((long) total) + "MiB" : number(total);
          String free =
              name.equals("memory")
                  ? mib(available.getOrDefault(name, 0.0).longValue()) + "MiB"
                  : number(available.getOrDefault(name, 0.0));
          return name + " " + free + "/" + shown;
        };
    return new TreeMap<>(n.getResourcesTotal().getAmountsMap())
        .keySet().stream().map(fmt).collect(Collectors.joining(", "));
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.2f", value);
  }

  private static String oneDecimal(long bytes) {
    return String.format("%.1f", bytes / (1024.0 * 1024.0));
  }

  private static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }
}

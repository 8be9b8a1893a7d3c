package io.rustyray.operator.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.rustyray.api.Checkpoint;
import io.rustyray.api.options.ResourceAmounts;
import io.rustyray.operator.common.ActorNamespace;
import io.rustyray.operator.common.InvalidSpecException;
import io.rustyray.operator.crd.CheckpointSpec;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.protocol.checkpoint.CheckpointPolicies;
import io.rustyray.protocol.codec.ValueCodec;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.CheckpointPolicy;
import io.rustyray.protocol.proto.FunctionDescriptor;
import io.rustyray.protocol.proto.Resources;
import io.rustyray.protocol.proto.TaskArg;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Turns a RustyActor's spec into the runtime's ActorSpec. */
public final class ActorSpecs {
  /** The job id of actors the operator creates. */
  public static final String JOB_ID = "operator";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ActorSpecs() {}

  /**
   * @param actor the resource
   * @return the named, detached actor to create
   * @throws InvalidSpecException when an argument cannot be encoded, or the checkpoint policy is
   *     not exactly one of everyCall: true and intervalSeconds
   */
  public static ActorSpec toProto(RustyActor actor) {
    var spec = actor.getSpec();
    var builder =
        ActorSpec.newBuilder()
            .setConstructor(
                FunctionDescriptor.newBuilder()
                    .setClassName(spec.getClassName())
                    .setMethodName("<init>")
                    .setSignature(""))
            .setName(actor.actorName())
            .setNamespace(ActorNamespace.of(actor))
            .setDetached(true)
            .setJobId(JOB_ID)
            .setMaxRestarts(spec.getMaxRestarts() == null ? 0 : spec.getMaxRestarts())
            .setMaxConcurrency(spec.getMaxConcurrency() == null ? 1 : spec.getMaxConcurrency())
            .setSharedWorker(Boolean.TRUE.equals(spec.getSharedWorker()));
    if (spec.getJvmOptions() != null) {
      builder.addAllJvmOptions(spec.getJvmOptions());
    }
    if (spec.getArgs() != null) {
      for (JsonNode arg : spec.getArgs()) {
        try {
          builder.addArgs(
              TaskArg.newBuilder().setValue(ByteString.copyFrom(ValueCodec.encode(arg))));
        } catch (RuntimeException e) {
          throw new InvalidSpecException(
              "argument " + arg + " cannot be encoded: " + e.getMessage());
        }
      }
    }
    if (spec.getResources() != null) {
      for (Map.Entry<String, Double> amount : spec.getResources().entrySet()) {
        // The SDK's rule: the head would refuse it too, but the status says why sooner.
        String problem =
            amount.getValue() == null
                ? "resource " + amount.getKey() + " needs an amount"
                : ResourceAmounts.problem(amount.getKey(), amount.getValue());
        if (problem != null) {
          throw new InvalidSpecException("resources: " + problem);
        }
      }
      builder.setResources(Resources.newBuilder().putAllAmounts(spec.getResources()));
    }
    if (spec.getCheckpoint() != null) {
      builder.setCheckpoint(checkpointPolicy(spec.getCheckpoint()));
    }
    return builder.build();
  }

  /**
   * @param checkpoint spec.checkpoint
   * @return the policy as the head takes it
   * @throws InvalidSpecException when it is not exactly one of everyCall: true and intervalSeconds
   *     (an API server older than 1.25 does not run the CRD's CEL rule that says so)
   */
  static CheckpointPolicy checkpointPolicy(CheckpointSpec checkpoint) {
    boolean everyCall = Boolean.TRUE.equals(checkpoint.getEveryCall());
    Integer seconds = checkpoint.getIntervalSeconds();
    if (everyCall == (seconds != null)) {
      throw new InvalidSpecException(
          "checkpoint takes exactly one of everyCall: true and intervalSeconds");
    }
    if (everyCall) {
      return CheckpointPolicies.toProto(Checkpoint.everyCall());
    }
    if (seconds < 1) {
      throw new InvalidSpecException(
          "checkpoint.intervalSeconds is at least 1, not " + seconds + " (or use everyCall: true)");
    }
    return CheckpointPolicies.toProto(Checkpoint.every(Duration.ofSeconds(seconds)));
  }

  /**
   * @param actor the resource
   * @return a fingerprint of what re-creates the actor when it changes: className, args, resources,
   *     maxRestarts, maxConcurrency, jvmOptions, sharedWorker and checkpoint
   */
  public static String specHash(RustyActor actor) {
    var spec = actor.getSpec();
    var node = JSON.createObjectNode();
    node.put("className", spec.getClassName());
    node.set("args", JSON.valueToTree(spec.getArgs()));
    node.set(
        "resources",
        JSON.valueToTree(spec.getResources() == null ? null : new TreeMap<>(spec.getResources())));
    node.put("maxRestarts", spec.getMaxRestarts());
    node.put("maxConcurrency", spec.getMaxConcurrency());
    // The worker fields count only when set, so that actors created before they existed keep
    // their fingerprint and are not re-created by an operator upgrade.
    if (spec.getJvmOptions() != null && !spec.getJvmOptions().isEmpty()) {
      node.set("jvmOptions", JSON.valueToTree(spec.getJvmOptions()));
    }
    if (Boolean.TRUE.equals(spec.getSharedWorker())) {
      node.put("sharedWorker", true);
    }
    if (spec.getCheckpoint() != null) {
      // As written, not as mapped: a policy the head cannot take still has a fingerprint.
      var checkpoint = node.putObject("checkpoint");
      if (spec.getCheckpoint().getEveryCall() != null) {
        checkpoint.put("everyCall", spec.getCheckpoint().getEveryCall());
      }
      if (spec.getCheckpoint().getIntervalSeconds() != null) {
        checkpoint.put("intervalSeconds", spec.getCheckpoint().getIntervalSeconds());
      }
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(node.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

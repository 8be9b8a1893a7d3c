package io.rustyray.runtime.cli;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.rustyray.api.Rusty;
import io.rustyray.protocol.namespace.Namespaces;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetJobRequest;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobJar;
import io.rustyray.protocol.proto.JobLogChunk;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.protocol.proto.ListJobsRequest;
import io.rustyray.protocol.proto.StopJobRequest;
import io.rustyray.protocol.proto.StreamJobLogsRequest;
import io.rustyray.protocol.proto.SubmitJobRequest;
import io.rustyray.protocol.transport.Channels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rustyray job ...}: run driver programs on the head and follow them. */
@Command(
    mixinStandardHelpOptions = true,
    name = "job",
    description = "Submits, follows and stops jobs: driver programs the head runs.",
    subcommands = {
      JobCommand.Submit.class,
      JobCommand.StatusOf.class,
      JobCommand.Logs.class,
      JobCommand.Stop.class,
      JobCommand.ListAll.class
    })
public class JobCommand {

  static boolean finished(JobStatus status) {
    return status == JobStatus.SUCCEEDED
        || status == JobStatus.FAILED
        || status == JobStatus.STOPPED;
  }

  static void describe(PrintWriter out, JobInfo job) {
    out.printf("Job %s: %s%n", job.getJobId(), job.getStatus());
    out.printf("  driver:  %s %s%n", job.getMainClass(), String.join(" ", job.getArgsList()));
    if (job.getStartTimeMs() > 0) {
      out.printf("  started: %s%n", Instant.ofEpochMilli(job.getStartTimeMs()));
    }
    if (job.getEndTimeMs() > 0) {
      out.printf(
          "  ended:   %s (exit code %d)%n",
          Instant.ofEpochMilli(job.getEndTimeMs()), job.getExitCode());
    }
    if (!job.getMessage().isEmpty()) {
      out.printf("  message: %s%n", job.getMessage().replace("\n", "\n           "));
    }
    out.flush();
  }

  /** Runs {@code body}; a refused or failed call becomes a one-line error and exit code 1. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HeadConnection head;

    abstract int run(GcsServiceGrpc.GcsServiceBlockingStub gcs, Channels channels) throws Exception;

    @Override
    public Integer call() throws Exception {
      try (Channels channels = head.channels()) {
        return run(head.blocking(channels), channels);
      } catch (StatusRuntimeException e) {
        spec.commandLine()
            .getErr()
            .printf(
                "error: %s%s%n",
                e.getStatus().getCode(),
                e.getStatus().getDescription() == null
                    ? ""
                    : ": " + e.getStatus().getDescription());
        return 1;
      }
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    /** Prints the job's output as it comes, until the job ends; returns the final status. */
    JobInfo follow(GcsServiceGrpc.GcsServiceBlockingStub gcs, String jobId) {
      Iterator<JobLogChunk> chunks =
          gcs.streamJobLogs(
              StreamJobLogsRequest.newBuilder().setJobId(jobId).setFollow(true).build());
      while (chunks.hasNext()) {
        ByteString data = chunks.next().getData();
        System.out.print(data.toStringUtf8());
        System.out.flush();
      }
      return gcs.withDeadlineAfter(10, TimeUnit.SECONDS)
          .getJob(GetJobRequest.newBuilder().setJobId(jobId).build());
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "submit",
      description =
          "Submits a driver: rustyray job submit [--jar PATH]... [--env K=V]... [--namespace NS]"
              + " [--worker-jvm-option OPTION]... -- MAIN_CLASS ARGS... Follows its output until it"
              + " ends unless --no-wait.")
  static class Submit extends Base {
    @Option(names = "--jar", description = "A jar with the job's classes (repeatable).")
    List<Path> jars = new ArrayList<>();

    @Option(
        names = "--env",
        description = "An environment variable K=V for the driver (repeatable).")
    Map<String, String> env = Map.of();

    @Option(
        names = "--worker-jvm-option",
        paramLabel = "OPTION",
        description =
            "An option of the JVM of every worker process of the job, e.g. -Xmx512m"
                + " (repeatable; not for the driver).")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description =
            "The namespace of the job's named actors (its driver's RUSTYRAY_NAMESPACE); without"
                + " it the job runs in an anonymous namespace of its own.")
    String namespace = "";

    @Option(
        names = "--submission-id",
        description = "Makes a repeated submission return the first job.")
    String submissionId = "";

    @Option(names = "--no-wait", description = "Print the job id and return at once.")
    boolean noWait;

    @Parameters(arity = "1..*", paramLabel = "MAIN_CLASS [ARGS...]")
    List<String> command;

    @Override
    int run(GcsServiceGrpc.GcsServiceBlockingStub gcs, Channels channels) throws IOException {
      if (!namespace.isEmpty()) {
        try {
          Namespaces.check(namespace);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--namespace: " + e.getMessage());
        }
      }
      SubmitJobRequest.Builder request =
          SubmitJobRequest.newBuilder()
              .setSubmissionId(submissionId)
              .setMainClass(command.get(0))
              .addAllArgs(command.subList(1, command.size()))
              .putAllEnv(env)
              .addAllWorkerJvmOptions(workerJvmOptions);
      if (!namespace.isEmpty()) {
        request.putEnv(Rusty.NAMESPACE_ENV, namespace);
      }
      for (Path jar : jars) {
        request.addJars(
            JobJar.newBuilder()
                .setName(jar.getFileName().toString())
                .setContent(ByteString.copyFrom(Files.readAllBytes(jar))));
      }
      JobInfo job = gcs.withDeadlineAfter(60, TimeUnit.SECONDS).submitJob(request.build());
      out().printf("Job %s submitted%n", job.getJobId());
      out().flush();
      if (noWait) {
        return 0;
      }
      JobInfo end = follow(gcs, job.getJobId());
      describe(out(), end);
      return end.getStatus() == JobStatus.SUCCEEDED ? 0 : 1;
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "status", description = "Shows a job's status.")
  static class StatusOf extends Base {
    @Parameters(paramLabel = "JOB_ID")
    String jobId;

    @Override
    int run(GcsServiceGrpc.GcsServiceBlockingStub gcs, Channels channels) {
      describe(
          out(),
          gcs.withDeadlineAfter(10, TimeUnit.SECONDS)
              .getJob(GetJobRequest.newBuilder().setJobId(jobId).build()));
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "logs",
      description = "Prints a job's output (stdout and stderr).")
  static class Logs extends Base {
    @Parameters(paramLabel = "JOB_ID")
    String jobId;

    @Option(
        names = {"-f", "--follow"},
        description = "Keep printing until the job ends.")
    boolean follow;

    @Override
    int run(GcsServiceGrpc.GcsServiceBlockingStub gcs, Channels channels) {
      // Without --follow the head sends what it has and ends; with it, the stream lasts as long as
      // the job (keepalive notices a head that died).
      Iterator<JobLogChunk> chunks =
          (follow ? gcs : gcs.withDeadlineAfter(60, TimeUnit.SECONDS))
              .streamJobLogs(
                  StreamJobLogsRequest.newBuilder().setJobId(jobId).setFollow(follow).build());
      while (chunks.hasNext()) {
        System.out.print(chunks.next().getData().toStringUtf8());
      }
      System.out.flush();
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "stop",
      description = "Stops a running job (SIGTERM, then SIGKILL after 5 s).")
  static class Stop extends Base {
    @Parameters(paramLabel = "JOB_ID")
    String jobId;

    @Override
    int run(GcsServiceGrpc.GcsServiceBlockingStub gcs, Channels channels) {
      describe(
          out(),
          gcs.withDeadlineAfter(30, TimeUnit.SECONDS)
              .stopJob(StopJobRequest.newBuilder().setJobId(jobId).build()));
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "Lists the jobs of the cluster.")
  static class ListAll extends Base {
    @Override
    int run(GcsServiceGrpc.GcsServiceBlockingStub gcs, Channels channels) {
      Table table = new Table("JOB", "STATUS", "DRIVER", "START", "END");
      for (JobInfo job :
          gcs.withDeadlineAfter(10, TimeUnit.SECONDS)
              .listJobs(ListJobsRequest.getDefaultInstance())
              .getJobsList()) {
        table.row(
            job.getJobId(),
            job.getStatus().name(),
            job.getMainClass(),
            job.getStartTimeMs() == 0 ? "-" : Instant.ofEpochMilli(job.getStartTimeMs()).toString(),
            job.getEndTimeMs() == 0 ? "-" : Instant.ofEpochMilli(job.getEndTimeMs()).toString());
      }
      table.print(out());
      out().flush();
      return 0;
    }
  }
}

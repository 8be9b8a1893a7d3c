package io.rustyray.runtime.jobs;

import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One job on the head: its info as reported, its driver process and where its output goes. */
final class JobRecord {
  final String jobId;
  final Path dir;
  final Path log;
  JobInfo.Builder info;

  /** What the job's worker processes get: its env and JVM options. */
  Map<String, String> env = Map.of();

  List<String> workerJvmOptions = List.of();

  Process process;
  boolean stopRequested;

  JobRecord(String jobId, Path dir, JobInfo.Builder info) {
    this.jobId = jobId;
    this.dir = dir;
    this.log = dir.resolve("driver.log");
    this.info = info;
  }

  boolean finished() {
    JobStatus status = info.getStatus();
    return status == JobStatus.SUCCEEDED
        || status == JobStatus.FAILED
        || status == JobStatus.STOPPED;
  }
}

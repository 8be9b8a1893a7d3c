package io.rustyray.runtime.jobs;

import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobStatus;
import java.nio.file.Path;

/** One job on the head: its info as reported, its driver process and where its output goes. */
final class JobRecord {
  final String jobId;
  final Path dir;
  final Path log;
  JobInfo.Builder info;
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

package io.rustyray.runtime.jobs;

import io.rustyray.protocol.proto.GetJobJarsReply;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobJar;
import io.rustyray.runtime.gcs.store.GcsStore;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs table of the store: per job, its {@link JobInfo} and what its worker processes are
 * started with (env, JVM options and the names of its jars; the jars themselves stay in the head's
 * jobs folder, which a head on a persistent volume keeps).
 */
final class JobTable {
  static final String TABLE = "jobs";

  /** A job as the store keeps it. */
  record Stored(
      JobInfo info, List<String> jarNames, Map<String, String> env, List<String> jvmOptions) {}

  private final GcsStore store;

  JobTable(GcsStore store) {
    this.store = store;
  }

  void put(Stored job) throws StoreUnavailableException {
    store.put(TABLE, job.info().getJobId(), encode(job));
  }

  /** Deletes the job's record and its output. */
  void delete(String jobId) throws StoreUnavailableException {
    JobLog.delete(store, jobId);
    store.delete(TABLE, jobId);
  }

  List<Stored> loadAll() throws StoreUnavailableException {
    List<Stored> jobs = new ArrayList<>();
    for (byte[] value : store.load(TABLE).values()) {
      jobs.add(decode(value));
    }
    return jobs;
  }

  /** One job, for the rare question about a job that has left memory: the store loads tables. */
  Optional<Stored> load(String jobId) throws StoreUnavailableException {
    return Optional.ofNullable(store.load(TABLE).get(jobId)).map(JobTable::decode);
  }

  /** Two length-delimited messages, so that each part keeps protobuf's compatibility rules. */
  static byte[] encode(Stored job) {
    GetJobJarsReply.Builder workers =
        GetJobJarsReply.newBuilder().putAllEnv(job.env()).addAllWorkerJvmOptions(job.jvmOptions());
    job.jarNames().forEach(name -> workers.addJars(JobJar.newBuilder().setName(name)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      job.info().writeDelimitedTo(out);
      workers.build().writeDelimitedTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Stored decode(byte[] value) {
    ByteArrayInputStream in = new ByteArrayInputStream(value);
    try {
      JobInfo info = JobInfo.parseDelimitedFrom(in);
      GetJobJarsReply workers = GetJobJarsReply.parseDelimitedFrom(in);
      if (workers == null) {
        workers = GetJobJarsReply.getDefaultInstance();
      }
      return new Stored(
          info,
          workers.getJarsList().stream().map(JobJar::getName).toList(),
          Map.copyOf(workers.getEnvMap()),
          List.copyOf(workers.getWorkerJvmOptionsList()));
    } catch (IOException e) {
      throw new UncheckedIOException("a job record that cannot be read", e);
    }
  }
}

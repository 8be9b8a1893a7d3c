package io.rustyray.client;

import io.rustyray.api.runtime.RustyRuntime;
import io.rustyray.api.runtime.RustyRuntimeFactory;
import java.util.UUID;

/** Connects {@link io.rustyray.api.Rusty} to a cluster; found through the ServiceLoader. */
public final class ClusterRuntimeFactory implements RustyRuntimeFactory {
  /** Set by the job manager for the drivers it starts, so their actors belong to the job. */
  public static final String JOB_ID_ENV = "RUSTYRAY_JOB_ID";

  @Override
  public RustyRuntime connect(String address, String token) {
    return connect(address, token, "");
  }

  @Override
  public RustyRuntime connect(String address, String token, String namespace) {
    String jobId = System.getenv(JOB_ID_ENV);
    if (jobId == null || jobId.isBlank()) {
      jobId = "driver-" + UUID.randomUUID().toString().substring(0, 8);
    }
    return new ClusterRuntime(address, token, jobId, "", namespace);
  }
}

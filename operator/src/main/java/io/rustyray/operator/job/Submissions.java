package io.rustyray.operator.job;

import io.rustyray.operator.crd.RustyJob;

/**
 * Submission ids: {@code <namespace>-<name>-<uid8>-<attempt>}. The head runs one job per id and
 * answers a second submission of an id with the first job, so an id must be new exactly when a new
 * run is meant: the uid makes a deleted and re-applied RustyJob run again; the attempt number, kept
 * in status, keeps a restarted operator from running an attempt twice.
 */
public final class Submissions {
  private static final int UID_CHARS = 8;

  private Submissions() {}

  /**
   * @param job the job
   * @param attempt the attempt, from 1
   * @return the submission id of that attempt
   */
  public static String id(RustyJob job, int attempt) {
    return prefix(job) + attempt;
  }

  /**
   * @param job the job
   * @param submissionId a submission id the head reported
   * @return whether it is one of this job's attempts (of this incarnation of the resource)
   */
  public static boolean isOf(RustyJob job, String submissionId) {
    String prefix = prefix(job);
    return submissionId.startsWith(prefix)
        && submissionId.length() > prefix.length()
        && submissionId.substring(prefix.length()).chars().allMatch(Character::isDigit);
  }

  /**
   * @param submissionId one of a job's submission ids
   * @return its attempt number
   */
  public static int attempt(String submissionId) {
    return Integer.parseInt(submissionId.substring(submissionId.lastIndexOf('-') + 1));
  }

  private static String prefix(RustyJob job) {
    String uid = job.getMetadata().getUid() == null ? "" : job.getMetadata().getUid();
    return job.getMetadata().getNamespace()
        + "-"
        + job.getMetadata().getName()
        + "-"
        + uid.substring(0, Math.min(UID_CHARS, uid.length()))
        + "-";
  }
}

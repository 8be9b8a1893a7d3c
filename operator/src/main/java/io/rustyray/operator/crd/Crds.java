package io.rustyray.operator.crd;

/** Names shared by the three resources and everything that refers to them. */
public final class Crds {
  public static final String GROUP = "rustyray.io";
  public static final String VERSION = "v1alpha1";
  public static final String CATEGORY = "rusty";

  /** A DNS-1123 label: what a Kubernetes object name (and our pod-name parts) may be. */
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /**
   * CEL on a list of JVM options of worker processes. The head refuses the same options (protocol's
   * {@code WorkerJvmOptions}, whose list CelRulesTest holds this rule to); checking them in the
   * schema turns a submission that would fail later into an error at {@code kubectl apply}.
   */
  public static final String JVM_OPTION_IS_AN_OPTION = "self.all(o, o.startsWith('-'))";

  public static final String JVM_OPTION_IS_AN_OPTION_MESSAGE =
      "a JVM option starts with '-', e.g. -Xmx256m or -Dkey=value";

  /** CEL: no option replaces the worker's classpath or program (alone or as name=value). */
  public static final String JVM_OPTION_KEEPS_THE_PROGRAM =
      "self.all(o, !o.matches('^(-cp|-classpath|--class-path|-jar|-m|--module|--module-path|-p)(=|$)'))";

  public static final String JVM_OPTION_KEEPS_THE_PROGRAM_MESSAGE =
      "-cp, -classpath, --class-path, -jar, -m, --module, --module-path and -p are not allowed:"
          + " the runtime sets the worker's classpath and program (ship code in the job's jars)";

  /**
   * Bounds that keep the CEL rules' estimated cost within what the API server accepts (it refuses
   * rules over unbounded lists of unbounded strings).
   */
  public static final int MAX_JVM_OPTIONS = 64;

  public static final int MAX_JVM_OPTION_LENGTH = 4096;

  private Crds() {}
}

package io.rustyray.operator.common;

import io.quarkus.arc.Arc;

/**
 * The operator's settings for classes that JOSDK instantiates itself (dependent resources and
 * conditions), where injection is not available.
 */
public final class Settings {
  private Settings() {}

  /**
   * @return the operator's configuration
   */
  public static OperatorConfig get() {
    return Arc.container().instance(OperatorConfig.class).get();
  }
}

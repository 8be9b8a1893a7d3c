package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** The driver program the head runs for a job. */
public class EntrypointSpec {
  @JsonPropertyDescription(
      "Fully qualified class with a public static main(String[]), on the runtime image's"
          + " classpath.")
  @Required
  @Pattern("^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$")
  private String mainClass;

  @JsonPropertyDescription("Arguments passed to main.")
  private List<String> args = new ArrayList<>();

  public String getMainClass() {
    return mainClass;
  }

  public void setMainClass(String mainClass) {
    this.mainClass = mainClass;
  }

  public List<String> getArgs() {
    return args;
  }

  public void setArgs(List<String> args) {
    this.args = args;
  }
}

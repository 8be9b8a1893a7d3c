package io.rustyray.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** What a RustyCluster should be: a head and groups of workers. */
public class RustyClusterSpec {
  @JsonPropertyDescription(
      "Container image of the runtime for every pod of the cluster. Unset: the operator's"
          + " default image. A change replaces the pods.")
  private String image;

  @JsonPropertyDescription("The head pod.")
  private HeadSpec head = new HeadSpec();

  @JsonPropertyDescription("Groups of identical worker pods; names are unique.")
  @Size(max = 20)
  @ValidationRule(
      value = "self.all(g, self.exists_one(h, h.name == g.name))",
      message = "worker group names must be unique")
  private List<WorkerGroupSpec> workerGroups = new ArrayList<>();

  @JsonPropertyDescription(
      "Remove every pod while keeping the resource, its Service and its Secret (state"
          + " Suspended); false brings the pods back.")
  @Default("false")
  private Boolean suspend = false;

  @JsonPropertyDescription("Token authentication of the cluster's gRPC endpoints.")
  private AuthSpec auth = new AuthSpec();

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public HeadSpec getHead() {
    return head;
  }

  public void setHead(HeadSpec head) {
    this.head = head;
  }

  public List<WorkerGroupSpec> getWorkerGroups() {
    return workerGroups;
  }

  public void setWorkerGroups(List<WorkerGroupSpec> workerGroups) {
    this.workerGroups = workerGroups;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public AuthSpec getAuth() {
    return auth;
  }

  public void setAuth(AuthSpec auth) {
    this.auth = auth;
  }
}

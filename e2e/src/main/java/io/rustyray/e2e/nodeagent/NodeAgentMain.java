package io.rustyray.e2e.nodeagent;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the process node agent: {@code java -cp 'rustyray-e2e.jar:lib/*'
 * io.rustyray.e2e.nodeagent.NodeAgentMain --kubeconfig=FILE ...} (see {@link AgentConfig#usage()}).
 * It runs until SIGTERM, then stops its pods' processes and exits.
 */
public final class NodeAgentMain {
  private NodeAgentMain() {}

  /**
   * @param args {@code --name=value} options
   * @throws Exception when the agent cannot start
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(AgentConfig.usage());
      return;
    }
    AgentConfig config;
    try {
      config = AgentConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("node-agent: " + e.getMessage());
      System.err.println(AgentConfig.usage());
      System.exit(2);
      return;
    }
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build();
    NodeAgent agent = new NodeAgent(config, client);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  client.close();
                  stopped.countDown();
                },
                "node-agent-shutdown"));
    agent.start();
    stopped.await();
  }
}

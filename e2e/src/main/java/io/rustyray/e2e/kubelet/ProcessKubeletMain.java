package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the process kubelet: {@code java -cp 'rustyray-e2e.jar:lib/*'
 * io.rustyray.e2e.kubelet.ProcessKubeletMain --kubeconfig=FILE ...} (see {@link
 * KubeletConfig#usage()}). It runs until SIGTERM, then stops its pods' processes and exits.
 */
public final class ProcessKubeletMain {
  private ProcessKubeletMain() {}

  /**
   * @param args {@code --name=value} options
   * @throws Exception when the kubelet cannot start
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(KubeletConfig.usage());
      return;
    }
    KubeletConfig config;
    try {
      config = KubeletConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("kubelet: " + e.getMessage());
      System.err.println(KubeletConfig.usage());
      System.exit(2);
      return;
    }
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build();
    ProcessKubelet kubelet = new ProcessKubelet(config, client);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kubelet.close();
                  client.close();
                  stopped.countDown();
                },
                "kubelet-shutdown"));
    kubelet.start();
    stopped.await();
  }
}

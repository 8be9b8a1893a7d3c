package io.rustyray.e2e.kubelet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the kubelet API that {@code kubectl logs} needs: the API server proxies {@code GET
 * /api/v1/namespaces/NS/pods/POD/log} to {@code https://<node InternalIP>:<kubeletEndpoint
 * port>/containerLogs/NS/POD/CONTAINER} (query: follow, previous, tailLines, limitBytes). Without
 * {@code --kubelet-certificate-authority} the API server does not verify the kubelet's certificate,
 * so a self-signed one (made once with the JDK's keytool) is enough. Logs are the files the kubelet
 * writes: {@code <work dir>/pods/<ns>_<pod>_<uid>/logs/<container>/<restart>.log}.
 */
final class LogServer {
  private static final Logger LOG = LoggerFactory.getLogger(LogServer.class);
  private final ProcessKubelet kubelet;
  private final int port;
  private final Path workDir;
  private HttpsServer server;
  private ExecutorService executor;

  LogServer(ProcessKubelet kubelet, int port, Path workDir) {
    this.kubelet = kubelet;
    this.port = port;
    this.workDir = workDir;
  }

  void start() throws IOException {
    try {
      SSLContext ssl = sslContext();
      server = HttpsServer.create(new InetSocketAddress(ProcessKubelet.HOST_IP, port), 50);
      server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    } catch (IOException e) {
      throw new IOException(
          "cannot serve the kubelet log endpoint on "
              + ProcessKubelet.HOST_IP
              + ":"
              + port
              + " (--kubelet-port): "
              + e.getMessage(),
          e);
    } catch (Exception e) {
      throw new IOException("cannot set up TLS for the kubelet log endpoint: " + e, e);
    }
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/containerLogs/", this::logs);
    server.createContext(
        "/healthz",
        ex -> {
          byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, ok.length);
          ex.getResponseBody().write(ok);
          ex.close();
        });
    server.start();
    LOG.info("kubelet log endpoint on https://{}:{}", ProcessKubelet.HOST_IP, port);
  }

  void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private SSLContext sslContext() throws Exception {
    Path store = workDir.resolve("kubelet.p12");
    char[] pass = "rustyray".toCharArray();
    if (!Files.exists(store)) {
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process p =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-alias",
                  "kubelet",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-dname",
                  "CN=rustyray-process-kubelet",
                  "-ext",
                  "SAN=ip:127.0.0.1,dns:localhost",
                  "-validity",
                  "3650",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  new String(pass),
                  "-keypass",
                  new String(pass))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("keytool failed: " + out);
      }
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, pass);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pass);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private void logs(HttpExchange ex) throws IOException {
    try (ex) {
      String[] parts = ex.getRequestURI().getPath().split("/");
      // "", "containerLogs", ns, pod, container
      if (parts.length < 5) {
        reply(ex, 400, "expected /containerLogs/NAMESPACE/POD/CONTAINER");
        return;
      }
      String ns = parts[2];
      String pod = parts[3];
      String container = parts[4];
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      boolean previous = "true".equals(query.get("previous"));
      boolean follow = "true".equals(query.get("follow"));
      Optional<Path> file = logFile(ns, pod, container, previous);
      if (file.isEmpty()) {
        reply(
            ex,
            404,
            "no log for container "
                + container
                + " of pod "
                + ns
                + "/"
                + pod
                + (previous ? " (previous instance)" : "")
                + " on this kubelet");
        return;
      }
      long start = 0;
      if (query.containsKey("tailLines")) {
        start = tailStart(file.get(), Integer.parseInt(query.get("tailLines")));
      }
      long limit = query.containsKey("limitBytes") ? Long.parseLong(query.get("limitBytes")) : -1;
      ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      long sent = 0;
      try (RandomAccessFile raf = new RandomAccessFile(file.get().toFile(), "r")) {
        raf.seek(start);
        byte[] buf = new byte[8192];
        while (true) {
          int n = raf.read(buf);
          if (n > 0) {
            if (limit >= 0 && sent + n > limit) {
              n = (int) (limit - sent);
            }
            out.write(buf, 0, n);
            sent += n;
            if (limit >= 0 && sent >= limit) {
              break;
            }
            continue;
          }
          out.flush();
          if (!follow || previous || !stillWriting(ns, pod, file.get())) {
            break;
          }
          Thread.sleep(200);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client went away
      }
    }
  }

  private boolean stillWriting(String ns, String pod, Path file) {
    return kubelet
        .worker(ns, pod)
        .map(
            w ->
                w.running()
                    && file.startsWith(w.podDir())
                    && newest(file.getParent()).map(file::equals).orElse(false))
        .orElse(false);
  }

  private Optional<Path> logFile(String ns, String pod, String container, boolean previous)
      throws IOException {
    Optional<Path> podDir =
        kubelet.worker(ns, pod).map(PodWorker::podDir).or(() -> newestPodDir(ns, pod));
    if (podDir.isEmpty()) {
      return Optional.empty();
    }
    Path dir = podDir.get().resolve("logs").resolve(container);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<Path> files = sortedLogs(dir);
    int index = files.size() - (previous ? 2 : 1);
    return index < 0 ? Optional.empty() : Optional.of(files.get(index));
  }

  private Optional<Path> newest(Path dir) {
    try {
      List<Path> files = sortedLogs(dir);
      return files.isEmpty() ? Optional.empty() : Optional.of(files.get(files.size() - 1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static List<Path> sortedLogs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = new ArrayList<>(s.filter(f -> f.toString().endsWith(".log")).toList());
      files.sort(Comparator.comparingInt(LogServer::restartNumber));
      return files;
    }
  }

  private static int restartNumber(Path f) {
    String n = f.getFileName().toString();
    try {
      return Integer.parseInt(n.substring(0, n.length() - 4));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Optional<Path> newestPodDir(String ns, String pod) {
    String prefix = ns + "_" + pod + "_";
    try (Stream<Path> s = Files.list(workDir.resolve("pods"))) {
      return s.filter(d -> d.getFileName().toString().startsWith(prefix))
          .max(Comparator.comparingLong(d -> d.toFile().lastModified()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long tailStart(Path file, int lines) throws IOException {
    if (lines < 0) {
      return 0;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long pos = raf.length();
      int seen = 0;
      // A trailing newline ends the last line; it does not start a new one.
      if (pos > 0) {
        raf.seek(pos - 1);
        if (raf.read() == '\n') {
          pos--;
        }
      }
      while (pos > 0) {
        raf.seek(pos - 1);
        if (raf.read() == '\n') {
          seen++;
          if (seen == lines) {
            return pos;
          }
        }
        pos--;
      }
      return 0;
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "true" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  private static void reply(HttpExchange ex, int code, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, body.length);
    ex.getResponseBody().write(body);
  }
}

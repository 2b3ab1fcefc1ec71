package io.crexporter.kube;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Connects to the API server: the kubeconfig given on the command line; else the pod's service
 * account when running in a cluster; else {@code KUBECONFIG}; else {@code ~/.kube/config}.
 */
public final class KubeClients {

  private static final Path SERVICE_ACCOUNT_TOKEN =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  private KubeClients() {}

  /**
   * @param kubeconfig the file named on the command line, or null
   * @throws IOException with a one-line message when no configuration is found or it is unreadable
   */
  public static ApiClient create(Path kubeconfig) throws IOException {
    if (kubeconfig != null) {
      return fromKubeconfig(kubeconfig);
    }
    if (System.getenv("KUBERNETES_SERVICE_HOST") != null && Files.exists(SERVICE_ACCOUNT_TOKEN)) {
      return ClientBuilder.cluster().build();
    }
    String fromEnvironment = System.getenv("KUBECONFIG");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      // like kubectl, the first file of a list
      return fromKubeconfig(Path.of(fromEnvironment.split(File.pathSeparator)[0]));
    }
    Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
    if (Files.exists(home)) {
      return fromKubeconfig(home);
    }
    throw new IOException(
        "no Kubernetes configuration: not running in a pod, and no --kubeconfig, KUBECONFIG or "
            + home);
  }

  private static ApiClient fromKubeconfig(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IOException("cannot read kubeconfig " + file);
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      KubeConfig config = KubeConfig.loadKubeConfig(reader);
      // certificate and key paths in the file are relative to it
      config.setFile(file.toAbsolutePath().toFile());
      return ClientBuilder.kubeconfig(config).build();
    } catch (RuntimeException e) {
      throw new IOException("invalid kubeconfig " + file + ": " + e.getMessage(), e);
    }
  }
}

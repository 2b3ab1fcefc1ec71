package io.crexporter.web;

import com.sun.net.httpserver.HttpsConfigurator;
import io.crexporter.config.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web configuration in force, and the TLS material it names, re-read when the file or any
 * certificate or key changes (cert-manager renews them in place). A change that cannot be used
 * (invalid file, unreadable key, key not matching its certificate) is logged and the previous
 * configuration keeps serving. Whether the server speaks TLS at all is fixed when it starts.
 */
public final class WebSecurity implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebSecurity.class);

  /** What is in force: the configuration, its TLS material, and the digest of their files. */
  private record Active(WebConfig config, TlsMaterial material, byte[] digest) {}

  private final Path file;
  private final SSLContext context;
  private volatile Active active;
  private volatile boolean lastReloadOk = true;
  private ScheduledExecutorService watcher;

  private WebSecurity(Path file, Active active) throws IOException {
    this.file = file;
    this.active = active;
    this.context = active.material() == null ? null : context();
  }

  /** No file: plain HTTP, no authentication. */
  public static WebSecurity plain() {
    try {
      return new WebSecurity(null, new Active(WebConfig.PLAIN, null, new byte[0]));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the file and its TLS material.
   *
   * @throws InvalidConfigException when the file is invalid
   * @throws IOException when a certificate or key cannot be used
   */
  public static WebSecurity load(Path file) throws InvalidConfigException, IOException {
    return new WebSecurity(file, read(file));
  }

  private static Active read(Path file) throws InvalidConfigException, IOException {
    WebConfig config = WebConfigReader.read(file);
    TlsMaterial material = config.tls().isPresent() ? TlsMaterial.load(config.tls().get()) : null;
    return new Active(config, material, digest(file, config));
  }

  /** Re-reads the files every {@code seconds} from now on. */
  public void watch(long seconds) {
    if (file == null) {
      return;
    }
    watcher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "web-config-watcher");
              thread.setDaemon(true);
              return thread;
            });
    watcher.scheduleWithFixedDelay(this::reloadIfChanged, seconds, seconds, TimeUnit.SECONDS);
  }

  /** Reloads now if a file changed; true when a new configuration is in force. */
  public boolean reloadIfChanged() {
    Active current = active;
    try {
      if (Arrays.equals(digest(file, current.config()), current.digest())) {
        // the files are what is in force, again if a bad change was undone
        lastReloadOk = true;
        return false;
      }
      Active next = read(file);
      if ((next.material() == null) != (current.material() == null)) {
        throw new IOException(
            "turning TLS "
                + (next.material() == null ? "off" : "on")
                + " needs a restart; the previous configuration stays in force");
      }
      active = next;
      lastReloadOk = true;
      LOG.info("web configuration {} reloaded", file);
      return true;
    } catch (InvalidConfigException e) {
      rejected(String.join("; ", e.problems().stream().map(Object::toString).toList()));
    } catch (IOException e) {
      rejected(e.getMessage());
    }
    return false;
  }

  private void rejected(String why) {
    if (lastReloadOk) {
      LOG.error("web configuration {} not reloaded, the previous one serves: {}", file, why);
    }
    lastReloadOk = false;
  }

  /** Whether the last change could be applied. */
  public boolean lastReloadSuccessful() {
    return lastReloadOk;
  }

  public WebConfig config() {
    return active.config();
  }

  /** What sets up each TLS connection, when the server speaks TLS. */
  public Optional<HttpsConfigurator> httpsConfigurator() {
    return Optional.ofNullable(context)
        .map(tls -> new TlsParameters(tls, () -> active.config().tls().orElseThrow()));
  }

  /** Who may read {@code /metrics} by the configuration's users; open when it has none. */
  public MetricsAccess basicAuth() {
    return file == null ? MetricsAccess.OPEN : new BasicAuthAccess(() -> active.config().users());
  }

  private SSLContext context() throws IOException {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(
          new KeyManager[] {new CurrentKeyManager(() -> active.material().keys())},
          new TrustManager[] {
            new ClientCertificates(
                () ->
                    new ClientCertificates.Policy(
                        active.config().tls().orElseThrow(), active.material().clientCas()))
          },
          null);
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * A digest of the file and of the TLS files {@code config} names; a missing file digests as
   * missing, so that its return is a change too.
   */
  private static byte[] digest(Path file, WebConfig config) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<Path> files = new ArrayList<>(List.of(file));
    config.tls().ifPresent(tls -> files.addAll(tls.files()));
    for (Path path : files) {
      try {
        digest.update(Files.readAllBytes(path));
      } catch (NoSuchFileException e) {
        digest.update(("missing " + path).getBytes(StandardCharsets.UTF_8));
      }
      digest.update((byte) 0);
    }
    return digest.digest();
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
  }
}

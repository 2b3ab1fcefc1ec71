package io.crexporter.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP server's security, as a Prometheus exporter-toolkit web configuration file gives it (the
 * format node_exporter's {@code --web.config.file} and kube-state-metrics' {@code --tls-config}
 * read): TLS, and users allowed by basic authentication.
 *
 * @param tls TLS settings; empty for plain HTTP
 * @param users user name to bcrypt hash of the password; empty for no basic authentication
 * @param headers extra response headers
 */
public record WebConfig(Optional<Tls> tls, Map<String, String> users, Map<String, String> headers) {

  /** No TLS, no authentication. */
  public static final WebConfig PLAIN = new WebConfig(Optional.empty(), Map.of(), Map.of());

  public WebConfig {
    users = Map.copyOf(users);
    headers = Map.copyOf(headers);
  }

  /** Who may connect, by the certificate they present. */
  public enum ClientAuth {
    NO_CLIENT_CERT("NoClientCert"),
    REQUEST_CLIENT_CERT("RequestClientCert"),
    REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert"),
    VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven"),
    REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert");

    final String configName;

    ClientAuth(String configName) {
      this.configName = configName;
    }

    /** Whether a certificate given is checked against the client CAs. */
    boolean verifies() {
      return this == VERIFY_CLIENT_CERT_IF_GIVEN || this == REQUIRE_AND_VERIFY_CLIENT_CERT;
    }

    /** Whether a connection without a certificate is refused. */
    boolean requires() {
      return this == REQUIRE_ANY_CLIENT_CERT || this == REQUIRE_AND_VERIFY_CLIENT_CERT;
    }
  }

  /**
   * {@code tls_server_config}.
   *
   * @param clientCaFile CAs that client certificates must chain to; null when none
   * @param protocols JSSE protocol names from {@code min_version} to {@code max_version}
   * @param cipherSuites JSSE names of the TLS 1.2 and older suites allowed; empty for the JVM's
   * @param allowedSans when not empty, a verified client certificate must have one of these SANs
   */
  public record Tls(
      Path certFile,
      Path keyFile,
      Path clientCaFile,
      ClientAuth clientAuth,
      List<String> protocols,
      List<String> cipherSuites,
      boolean preferServerCipherSuites,
      List<String> allowedSans) {
    public Tls {
      protocols = List.copyOf(protocols);
      cipherSuites = List.copyOf(cipherSuites);
      allowedSans = List.copyOf(allowedSans);
    }

    /** The files whose change means new TLS material. */
    List<Path> files() {
      return clientCaFile == null
          ? List.of(certFile, keyFile)
          : List.of(certFile, keyFile, clientCaFile);
    }
  }
}

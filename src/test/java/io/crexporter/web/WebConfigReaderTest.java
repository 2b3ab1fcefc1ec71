package io.crexporter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebConfigReaderTest {

  private static final String HASH = "$2y$10$X0Mx6bBCwcQIB2/Cq6r9fuU3OmLeiRHp6wI1w6kSz6SCSS5pj0C5i";

  @TempDir Path dir;

  private WebConfig read(String yaml) throws Exception {
    return WebConfigReader.read(Files.writeString(dir.resolve("web.yml"), yaml));
  }

  @Test
  void readsEverySetting() throws Exception {
    WebConfig config =
        read(
            """
            tls_server_config:
              cert_file: tls/server.crt
              key_file: /etc/tls/server.key
              client_auth_type: VerifyClientCertIfGiven
              client_ca_file: ca.crt
              min_version: TLS11
              max_version: TLS12
              cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305]
              prefer_server_cipher_suites: false
              client_allowed_sans: [prometheus.monitoring.svc]
            http_server_config:
              http2: false
              headers:
                Strict-Transport-Security: max-age=31536000
            basic_auth_users:
              prometheus: %s
            """
                .formatted(HASH));
    WebConfig.Tls tls = config.tls().orElseThrow();
    assertEquals(dir.toAbsolutePath().resolve("tls/server.crt"), tls.certFile());
    assertEquals(Path.of("/etc/tls/server.key"), tls.keyFile());
    assertEquals(dir.toAbsolutePath().resolve("ca.crt"), tls.clientCaFile());
    assertEquals(WebConfig.ClientAuth.VERIFY_CLIENT_CERT_IF_GIVEN, tls.clientAuth());
    assertEquals(List.of("TLSv1.1", "TLSv1.2"), tls.protocols());
    assertEquals(
        List.of(
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
        tls.cipherSuites());
    assertEquals(false, tls.preferServerCipherSuites());
    assertEquals(List.of("prometheus.monitoring.svc"), tls.allowedSans());
    assertEquals(Map.of("prometheus", HASH), config.users());
    assertEquals(Map.of("Strict-Transport-Security", "max-age=31536000"), config.headers());
  }

  @Test
  void defaultsAreExporterToolkits() throws Exception {
    WebConfig.Tls tls =
        read("tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\n").tls().orElseThrow();
    assertEquals(WebConfig.ClientAuth.NO_CLIENT_CERT, tls.clientAuth());
    assertEquals(List.of("TLSv1.2", "TLSv1.3"), tls.protocols());
    assertEquals(List.of(), tls.cipherSuites());
    assertEquals(true, tls.preferServerCipherSuites());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "tls_server_config:",
        "tls_server_config: {}",
        "basic_auth_users: {}",
      })
  void emptyMeansPlainAndOpen(String yaml) throws Exception {
    WebConfig config = read(yaml.replace("\\n", "\n"));
    assertEquals(Optional.empty(), config.tls());
    assertEquals(Map.of(), config.users());
  }

  /** Each problem, with its line and path. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "tls_server_confg: {}|1|unknown key 'tls_server_confg'",
        "tls_server_config:\\n  cert_file: a.crt\\n  key_fle: a.key|3|unknown key 'key_fle'",
        "tls_server_config:\\n  cert_file: a.crt|2|key_file is missing",
        "tls_server_config:\\n  cert_file: a\\n  key_file: b\\n  client_auth_type: Always|4|unknown client_auth_type 'Always'",
        "tls_server_config:\\n  cert_file: a\\n  key_file: b\\n  client_auth_type: RequireAndVerifyClientCert|2|client_ca_file is needed",
        "tls_server_config:\\n  cert_file: a\\n  key_file: b\\n  client_ca_file: ca|2|client_auth_type is NoClientCert",
        "tls_server_config:\\n  cert_file: a\\n  key_file: b\\n  min_version: TLS14|4|unknown TLS version 'TLS14'",
        "tls_server_config:\\n  cert_file: a\\n  key_file: b\\n  min_version: TLS13\\n  max_version: TLS12|5|below min_version",
        "tls_server_config:\\n  cert_file: a\\n  key_file: b\\n  cipher_suites: [TLS_FANCY]|4|TLS_FANCY is not supported",
        "basic_auth_users:\\n  alice: hunter2|2|not a bcrypt hash",
        "http_server_config:\\n  headers:\\n    Server: x|3|header Server cannot be set",
        "tls_server_config: [a]|1|expected a mapping",
        "tls_server_config:\\n  cert_file: [a|2|invalid YAML",
      })
  void problemsAreLocated(String yaml, int line, String message) throws Exception {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> read(yaml.replace("\\n", "\n")));
    String problems = e.problems().toString();
    assertTrue(
        e.problems().stream()
            .anyMatch(p -> p.location().line() == line && p.message().contains(message)),
        problems);
    assertTrue(problems.contains("web.yml"), problems);
  }

  @Test
  void aMissingFileIsAProblemToo() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class, () -> WebConfigReader.read(dir.resolve("none.yml")));
    assertTrue(e.problems().get(0).message().contains("no such file"), e.problems().toString());
  }
}

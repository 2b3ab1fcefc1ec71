package io.crexporter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.exposition.ExpositionFormat;
import io.crexporter.exposition.ScrapeSource;
import io.crexporter.http.MetricsServer;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HTTP server with a web configuration file: TLS with each form of key, client certificates,
 * TLS versions, basic authentication, and certificates renewed while it runs.
 */
class SecuredServerTest {

  private static final ScrapeSource BODY =
      new ScrapeSource() {
        @Override
        public void write(OutputStream out, ExpositionFormat format) throws IOException {
          out.write("test_metric 1.0\n".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void writeGzip(OutputStream out, ExpositionFormat format) throws IOException {
          write(new java.util.zip.GZIPOutputStream(out, true), format);
        }

        @Override
        public MetricSnapshots snapshots() {
          return MetricSnapshots.of();
        }
      };

  @TempDir Path dir;
  private MetricsServer server;
  private WebSecurity security;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (security != null) {
      security.close();
    }
  }

  private Path webConfig(String yaml) throws IOException {
    return Files.writeString(dir.resolve("web.yaml"), yaml);
  }

  private void serve(Path config) throws Exception {
    security = WebSecurity.load(config);
    server =
        MetricsServer.start(
            "127.0.0.1", 0, BODY, List::of, seconds -> {}, security, security.basicAuth());
  }

  private HttpResponse<String> get(SSLContext tls, String path, String... headers)
      throws Exception {
    return get(tls, null, path, headers);
  }

  private HttpResponse<String> get(
      SSLContext tls, SSLParameters parameters, String path, String... headers) throws Exception {
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      client.sslContext(tls);
    }
    if (parameters != null) {
      client.sslParameters(parameters);
    }
    String scheme = tls == null ? "http" : "https";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + server.port() + path))
            .timeout(Duration.ofSeconds(5));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @EnumSource(TestCertificates.KeyForm.class)
  void servesTlsWithEveryFormOfKey(TestCertificates.KeyForm form) throws Exception {
    TestCertificates ca = new TestCertificates(dir, "ca");
    TestCertificates.Issued cert = ca.issue(dir, "server", form);
    serve(
        webConfig(
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            """));
    HttpResponse<String> response = get(ca.clientContext(null, "TLS"), "/metrics");
    assertEquals(200, response.statusCode());
    assertEquals("test_metric 1.0\n", response.body());
    assertEquals(cert.certificate(), peer(response));
    // plain HTTP to the TLS port gets no answer
    assertThrows(IOException.class, () -> get(null, "/metrics"));
  }

  private static X509Certificate peer(HttpResponse<?> response) throws Exception {
    SSLSession session = response.sslSession().orElseThrow();
    return (X509Certificate) session.getPeerCertificates()[0];
  }

  @Test
  void clientCertificatesAreRequiredAndVerified() throws Exception {
    TestCertificates ca = new TestCertificates(dir, "ca");
    ca.issue(dir, "server", TestCertificates.KeyForm.PKCS1_RSA);
    TestCertificates.Issued client = ca.issue(dir, "client", TestCertificates.KeyForm.SEC1_EC);
    TestCertificates other = new TestCertificates(dir, "other");
    TestCertificates.Issued stranger =
        other.issue(dir, "stranger", TestCertificates.KeyForm.PKCS1_RSA);
    serve(
        webConfig(
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca-ca.crt
              client_allowed_sans: [client.example]
            """));
    assertEquals(200, get(ca.clientContext(client, "TLS"), "/metrics").statusCode());
    assertThrows(IOException.class, () -> get(ca.clientContext(null, "TLS"), "/metrics"));
    // a certificate of another CA is refused, even if the client trusts the server
    assertThrows(IOException.class, () -> get(ca.clientContext(stranger, "TLS"), "/metrics"));
    // a certificate of the CA without an allowed SAN is refused
    TestCertificates.Issued server = ca.issue(dir, "another", TestCertificates.KeyForm.PKCS1_RSA);
    assertThrows(IOException.class, () -> get(ca.clientContext(server, "TLS"), "/metrics"));
  }

  @Test
  void theMinimumVersionIsEnforced() throws Exception {
    TestCertificates ca = new TestCertificates(dir, "ca");
    ca.issue(dir, "server", TestCertificates.KeyForm.PKCS1_RSA);
    serve(
        webConfig(
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              min_version: TLS13
            """));
    SSLParameters tls12 = new SSLParameters();
    tls12.setProtocols(new String[] {"TLSv1.2"});
    assertThrows(
        SSLHandshakeException.class, () -> get(ca.clientContext(null, "TLS"), tls12, "/metrics"));
    HttpResponse<String> response = get(ca.clientContext(null, "TLS"), "/metrics");
    assertEquals("TLSv1.3", response.sslSession().orElseThrow().getProtocol());
  }

  @Test
  void basicAuthenticationGuardsMetricsOnly() throws Exception {
    String hash = OpenBSDBCrypt.generate("s3cret".toCharArray(), new byte[16], 4);
    serve(webConfig("basic_auth_users:\n  prometheus: " + hash + "\n"));
    HttpResponse<String> none = get(null, "/metrics");
    assertEquals(401, none.statusCode());
    assertTrue(
        none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
        none.headers().map().toString());
    assertEquals(
        401, get(null, "/metrics", "Authorization", basic("prometheus", "wrong")).statusCode());
    assertEquals(
        401, get(null, "/metrics", "Authorization", basic("nobody", "s3cret")).statusCode());
    HttpResponse<String> right =
        get(null, "/metrics", "Authorization", basic("prometheus", "s3cret"));
    assertEquals(200, right.statusCode());
    assertEquals("test_metric 1.0\n", right.body());
    assertEquals(200, get(null, "/healthz").statusCode(), "probes stay open");
    assertEquals(200, get(null, "/readyz").statusCode(), "probes stay open");
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void renewedCertificatesServeWithoutARestartAndABadChangeKeepsThePrevious() throws Exception {
    TestCertificates ca = new TestCertificates(dir, "ca");
    TestCertificates.Issued first = ca.issue(dir, "server", TestCertificates.KeyForm.PKCS1_RSA);
    serve(
        webConfig(
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            """));
    SSLContext client = ca.clientContext(null, "TLS");
    assertEquals(first.certificate(), peer(get(client, "/metrics")));
    assertFalse(security.reloadIfChanged(), "nothing changed");
    String firstKey = Files.readString(first.keyFile());

    TestCertificates.Issued renewed = ca.issue(dir, "server", TestCertificates.KeyForm.SEC1_EC);
    String renewedKey = Files.readString(renewed.keyFile());
    assertNotEquals(first.certificate(), renewed.certificate());
    assertTrue(security.reloadIfChanged());
    assertEquals(renewed.certificate(), peer(get(ca.clientContext(null, "TLS"), "/metrics")));

    // a key that does not belong to the certificate: refused, the renewed one keeps serving
    Files.writeString(dir.resolve("server.key"), firstKey);
    assertFalse(security.reloadIfChanged());
    assertFalse(security.lastReloadSuccessful());
    assertEquals(renewed.certificate(), peer(get(ca.clientContext(null, "TLS"), "/metrics")));
    // an invalid file: refused too
    webConfig("tls_server_config:\n  cert_file: server.crt\n  key_fle: server.key\n");
    assertFalse(security.reloadIfChanged());
    assertEquals(200, get(ca.clientContext(null, "TLS"), "/metrics").statusCode());
    // undone: what is in force is on disk again
    Files.writeString(dir.resolve("server.key"), renewedKey);
    webConfig("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
    assertFalse(security.reloadIfChanged());
    assertTrue(security.lastReloadSuccessful());
  }
}

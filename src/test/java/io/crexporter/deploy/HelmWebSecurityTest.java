package io.crexporter.deploy;

import static io.crexporter.deploy.HelmChartTest.map;
import static io.crexporter.deploy.HelmChartTest.maps;
import static io.crexporter.deploy.HelmChartTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.web.WebConfig;
import io.crexporter.web.WebConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's web values: TLS from a Secret, basic authentication, Kubernetes authorization. */
class HelmWebSecurityTest {

  private static final String HASH = "$2y$10$X0Mx6bBCwcQIB2/Cq6r9fuU3OmLeiRHp6wI1w6kSz6SCSS5pj0C5i";

  @TempDir Path tmp;
  private final HelmChartTest chart = new HelmChartTest();

  @BeforeEach
  void useTmp() {
    chart.tmp = tmp;
  }

  /** The web.yaml the chart writes, read by the exporter's own reader (paths as mounted). */
  private WebConfig webConfig(HelmChartTest.Rendered r) throws Exception {
    Map<String, Object> secret =
        r.all("Secret").stream()
            .filter(s -> map(s, "metadata").get("name").toString().endsWith("-web"))
            .findFirst()
            .orElseThrow();
    Path file = tmp.resolve("web.yaml");
    Files.writeString(file, (String) map(secret, "stringData").get("web.yaml"));
    return WebConfigReader.read(file);
  }

  private static Map<String, Object> volume(HelmChartTest.Rendered r, String name) {
    return maps(map(r.podTemplate(), "spec").get("volumes")).stream()
        .filter(v -> v.get("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  @Test
  void tlsFromASecretWithClientCertificates() throws Exception {
    HelmChartTest.Rendered r =
        chart.render(
            """
            web:
              tls: {enabled: true, secretName: exporter-tls, clientAuthType: VerifyClientCertIfGiven, minVersion: TLS13}
            serviceMonitor:
              enabled: true
              tlsConfig: {ca: {secret: {name: exporter-tls, key: ca.crt}}, serverName: exporter}
            """);
    WebConfig.Tls tls = webConfig(r).tls().orElseThrow();
    assertEquals(Path.of("/etc/custom-resource-exporter/tls/tls.crt"), tls.certFile());
    assertEquals(Path.of("/etc/custom-resource-exporter/tls/tls.key"), tls.keyFile());
    assertEquals(Path.of("/etc/custom-resource-exporter/tls/ca.crt"), tls.clientCaFile());
    assertEquals(WebConfig.ClientAuth.VERIFY_CLIENT_CERT_IF_GIVEN, tls.clientAuth());
    assertEquals(List.of("TLSv1.3"), tls.protocols());
    assertEquals("exporter-tls", map(volume(r, "tls"), "secret").get("secretName"));
    List<String> args = strings(r.container().get("args"));
    assertEquals(
        "/etc/custom-resource-exporter/web/web.yaml",
        args.get(args.indexOf("--web-config-file") + 1));
    assertEquals("HTTPS", map(map(r.container(), "readinessProbe"), "httpGet").get("scheme"));
    Map<String, Object> endpoint =
        maps(map(r.one("ServiceMonitor"), "spec").get("endpoints")).get(0);
    assertEquals("https", endpoint.get("scheme"));
    assertEquals("exporter", map(endpoint, "tlsConfig").get("serverName"));
  }

  @Test
  void requiredClientCertificatesLeaveTheProbesOnTcp() throws Exception {
    HelmChartTest.Rendered r =
        chart.render(
            "web:\n  tls: {enabled: true, secretName: s, clientAuthType: RequireAndVerifyClientCert}\n");
    assertTrue(map(r.container(), "livenessProbe").containsKey("tcpSocket"));
    assertTrue(map(r.container(), "readinessProbe").containsKey("tcpSocket"));
  }

  @Test
  void basicAuthUsers() throws Exception {
    HelmChartTest.Rendered r =
        chart.render(
            "web:\n  basicAuthUsers: {prometheus: '"
                + HASH
                + "'}\n"
                + "podMonitor:\n  enabled: true\n  basicAuth: {username: {name: s, key: u}, password: {name: s, key: p}}\n");
    assertEquals(Map.of("prometheus", HASH), webConfig(r).users());
    assertTrue(webConfig(r).tls().isEmpty());
    Map<String, Object> endpoint =
        maps(map(r.one("PodMonitor"), "spec").get("podMetricsEndpoints")).get(0);
    assertEquals("http", endpoint.get("scheme"));
    assertEquals("u", map(map(endpoint, "basicAuth"), "username").get("key"));
  }

  @Test
  void kubernetesAuthorizationGrantsTheReviewsAndSendsPrometheusToken() throws Exception {
    HelmChartTest.Rendered r =
        chart.render(
            """
            web:
              kubernetesAuthorization: true
              metricsReaders: [{kind: ServiceAccount, name: prometheus, namespace: monitoring}]
            serviceMonitor: {enabled: true}
            """);
    assertTrue(strings(r.container().get("args")).contains("--kubernetes-authorization"));
    assertFalse(strings(r.container().get("args")).contains("--web-config-file"));
    Map<String, Object> auth =
        r.all("ClusterRole").stream()
            .filter(o -> map(o, "metadata").get("name").toString().endsWith("-auth"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of(
            Map.of(
                "apiGroups", List.of("authentication.k8s.io"),
                "resources", List.of("tokenreviews"),
                "verbs", List.of("create")),
            Map.of(
                "apiGroups", List.of("authorization.k8s.io"),
                "resources", List.of("subjectaccessreviews"),
                "verbs", List.of("create"))),
        auth.get("rules"));
    Map<String, Object> reader =
        r.all("ClusterRoleBinding").stream()
            .filter(o -> map(o, "metadata").get("name").toString().endsWith("-metrics-reader"))
            .findFirst()
            .orElseThrow();
    assertEquals("prometheus", maps(reader.get("subjects")).get(0).get("name"));
    Map<String, Object> endpoint =
        maps(map(r.one("ServiceMonitor"), "spec").get("endpoints")).get(0);
    assertEquals(
        "/var/run/secrets/kubernetes.io/serviceaccount/token", endpoint.get("bearerTokenFile"));
  }

  @Test
  void noneOfItByDefault() throws Exception {
    HelmChartTest.Rendered r = chart.render("");
    assertTrue(r.all("Secret").isEmpty());
    assertFalse(strings(r.container().get("args")).contains("--web-config-file"));
    assertTrue(
        r.all("ClusterRole").stream()
            .noneMatch(o -> map(o, "metadata").get("name").toString().endsWith("-auth")));
  }

  @Test
  void contradictionsFailTheInstall() {
    assertThrows(Exception.class, () -> chart.render("web:\n  tls: {enabled: true}\n"));
    assertThrows(
        Exception.class,
        () ->
            chart.render(
                "web:\n  kubernetesAuthorization: true\n  basicAuthUsers: {a: '" + HASH + "'}\n"));
  }
}

package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.mapping.CompiledConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published kube-state-metrics configurations of other projects (cert-manager and OPA Gatekeeper
 * from mrueg/customresourcestate-configs, the TAP Cartographer overlay, a Tekton ConfigMap), each
 * loaded with exactly its expected warnings and run on objects to exact series.
 */
class KsmCommunityConfigsTest {

  static final Path CONFIGS = KsmFluxMonitoringConfigTest.CONFIGS;
  static final Path OBJECTS = CONFIGS.resolve("objects");
  static final Path CERT_MANAGER =
      CONFIGS.resolve("mrueg__customresourcestate-configs__cert-manager.yaml");
  static final Path GATEKEEPER =
      CONFIGS.resolve("mrueg__customresourcestate-configs__opa-gatekeeper.yaml");
  static final Path TAP_SECRET =
      CONFIGS.resolve("timwangvmw__TAP-Monitoring__secret-tap-crd-overlay.yml");
  static final Path TAP = CONFIGS.resolve("timwangvmw__TAP-Monitoring__crs-config.extracted.yaml");
  static final Path TEKTON_CONFIGMAP =
      CONFIGS.resolve(
          "glevi-rh__kueue-metrics__tekton_pipelines_controller_pipelinerun_status_configmap.yaml");

  static CompiledConfig load(Path config) throws InvalidConfigException {
    return ConfigLoader.load(List.of(config));
  }

  @Test
  void certManagerCertificatesAndIssuers() throws InvalidConfigException {
    assertEquals(List.of(), load(CERT_MANAGER).warnings());
    String certificate =
        "customresource_group=\"cert-manager.io\",customresource_kind=\"Certificate\","
            + "customresource_version=\"v1\"";
    assertEquals(
        """
        # HELP kube_customresource_certificate_transition_info Current status of the certificate
        # TYPE kube_customresource_certificate_transition_info gauge
        kube_customresource_certificate_transition_info{%1$s,message="Certificate is up to date and has not expired",name="web-tls",namespace="shop",reason="Ready",status="True",type="Ready"} 1
        # HELP kube_customresource_certificate_valid_not_after Cert is not valid after this timestamp
        # TYPE kube_customresource_certificate_valid_not_after gauge
        kube_customresource_certificate_valid_not_after{%1$s,name="web-tls",namespace="shop"} 1.7828064e+09
        # HELP kube_customresource_certificate_valid_not_before Certificate is not valid before this timestamp
        # TYPE kube_customresource_certificate_valid_not_before gauge
        kube_customresource_certificate_valid_not_before{%1$s,name="web-tls",namespace="shop"} 1.7750304e+09
        # HELP kube_customresource_issuer_transition_info Current status of the issuer
        # TYPE kube_customresource_issuer_transition_info gauge
        kube_customresource_issuer_transition_info{customresource_group="cert-manager.io",customresource_kind="Issuer",customresource_version="v1",message="Failed to register ACME account: 429 \\"urn:ietf:params:acme:error:rateLimited\\"",name="letsencrypt",namespace="shop",reason="ErrRegisterACMEAccount",status="False",type="Ready"} 1
        """
            .formatted(certificate),
        Rendered.render(CERT_MANAGER, OBJECTS.resolve("cert-manager.yaml")));
  }

  @Test
  void gatekeeperReadsEveryConstraintKindOfItsGroup() throws InvalidConfigException {
    CompiledConfig config = load(GATEKEEPER);
    assertEquals(List.of(), config.warnings());
    assertTrue(config.resources().get(0).resource().isAnyKind());
    String group = "customresource_group=\"constraints.gatekeeper.sh\"";
    // cluster-scoped constraints and violating objects: no namespace labels
    assertEquals(
        """
        # HELP kube_customresource_gatekeeper_violation_info Information about the detected violation
        # TYPE kube_customresource_gatekeeper_violation_info gauge
        kube_customresource_gatekeeper_violation_info{%1$s,customresource_kind="K8sRequiredLabels",customresource_version="v1beta1",enforcement_action="dryrun",name="ns-must-have-owner",violating_kind="Namespace",violating_message="you must provide labels: {\\"owner\\"}",violating_name="scratch"} 1
        kube_customresource_gatekeeper_violation_info{%1$s,customresource_kind="K8sRequiredLabels",customresource_version="v1beta1",enforcement_action="dryrun",name="ns-must-have-owner",violating_kind="Namespace",violating_message="you must provide labels: {\\"owner\\"}",violating_name="tmp"} 1
        # HELP kube_customresource_gatekeeper_violations_total Number of violations
        # TYPE kube_customresource_gatekeeper_violations_total gauge
        kube_customresource_gatekeeper_violations_total{%1$s,customresource_kind="K8sAllowedRepos",customresource_version="v1beta1",enforcement_action="deny",name="repos-in-prod"} 0
        kube_customresource_gatekeeper_violations_total{%1$s,customresource_kind="K8sRequiredLabels",customresource_version="v1beta1",enforcement_action="dryrun",name="ns-must-have-owner"} 2
        """
            .formatted(group),
        Rendered.render(GATEKEEPER, OBJECTS.resolve("gatekeeper-constraints.yaml")));
  }

  @Test
  void theTapSecretIsNotAMappingFileButTheConfigurationInItIs() throws InvalidConfigException {
    Cli.Result secret = Cli.validate(TAP_SECRET);
    assertEquals(1, secret.status());
    assertEquals(
        TAP_SECRET
            + ":2: not a mapping file: expected 'resources' (this exporter's format), 'spec' (a"
            + " kube-state-metrics CustomResourceStateMetrics), or kube-state-metrics Helm values"
            + " ('customResourceState.config'); found keys [apiVersion, kind, metadata, stringData]\n"
            + "1 configuration problem\n",
        secret.err());

    assertEquals(List.of(), load(TAP).warnings());
    String workload =
        "customresource_group=\"carto.run\",customresource_kind=\"Workload\","
            + "customresource_version=\"v1alpha1\",name=\"petclinic\",namespace=\"default\"";
    String condition =
        "kube_customresource_status_condition{" + workload + ",status=\"%s\",type=\"%s\"} %s\n";
    StringBuilder conditions = new StringBuilder();
    for (String status : List.of("False", "True", "Unknown")) {
      for (String type :
          List.of("Ready", "ResourcesHealthy", "ResourcesSubmitted", "SupplyChainReady")) {
        conditions.append(condition.formatted(status, type, status.equals("True") ? "1" : "0"));
      }
    }
    assertEquals(
        "# HELP kube_customresource_created Unix creation timestamp.\n"
            + "# TYPE kube_customresource_created gauge\n"
            + "kube_customresource_created{"
            + workload
            + "} 1.678785123e+09\n"
            + "# HELP kube_customresource_info Information about a clusterclass.\n"
            + "# TYPE kube_customresource_info gauge\n"
            + "kube_customresource_info{"
            + workload
            + "} 1\n"
            + "# HELP kube_customresource_status_condition The condition of a workload.\n"
            + "# TYPE kube_customresource_status_condition gauge\n"
            + conditions,
        Rendered.render(
            TAP, Path.of("src/test/resources/fixtures/cartographer/examples/workload-ready.yaml")));
  }

  @Test
  void theTektonConfigMapLoadsWithItsOneWarningAndEmitsNothing(@TempDir Path dir)
      throws IOException {
    Cli.Result result = Cli.validate(TEKTON_CONFIGMAP);
    assertEquals(0, result.status(), result.err());
    assertEquals("OK: 1 resources, 1 metrics\n", result.out());
    assertEquals(
        "warning: "
            + TEKTON_CONFIGMAP
            + ":32: data.config.yaml.spec.resources[0].metrics[0].each.stateSet: a StateSet without"
            + " 'list' emits no series (as in kube-state-metrics)\n",
        result.err());
    // kube-state-metrics prints neither series nor header for it; neither does this exporter
    assertEquals(
        "",
        Cli.render(
            List.of(TEKTON_CONFIGMAP),
            List.of(Path.of("src/test/resources/fixtures/tekton/examples"))));
    // the objects are read: with a list, the same ConfigMap gives the first condition's reason
    Path withList = dir.resolve("with-list.yaml");
    Files.writeString(
        withList,
        Files.readString(TEKTON_CONFIGMAP)
            .replace(
                "labelName: \"status\"\n",
                "labelName: \"status\"\n                list: [Succeeded, Failed]\n"));
    List<String> reasons =
        Exposition.samples(
                Cli.render(
                    List.of(withList),
                    List.of(
                        Path.of(
                            "src/test/resources/fixtures/tekton/examples/pipelinerun-failed.yaml"))))
            .stream()
            .map(sample -> sample.labels().get("status") + "=" + sample.value())
            .toList();
    assertEquals(List.of("Failed=1.0", "Succeeded=0.0"), reasons);
  }
}

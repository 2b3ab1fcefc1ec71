package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.ResourceMapping;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cluster API's generated kube-state-metrics configuration (crd-metrics-config.yaml, 16 kinds) on
 * hand-written Cluster and Machine objects: the series its dashboards and alerts read, line for
 * line as kube-state-metrics prints them.
 */
class KsmClusterApiConfigTest {

  static final Path CONFIG =
      KsmFluxMonitoringConfigTest.CONFIGS.resolve(
          "kubernetes-sigs__cluster-api__crd-metrics-config.yaml");
  static final Path OBJECTS = KsmFluxMonitoringConfigTest.CONFIGS.resolve("objects");

  static final String CLUSTER =
      "customresource_group=\"cluster.x-k8s.io\",customresource_kind=\"Cluster\","
          + "customresource_version=\"v1beta2\",name=\"prod-eu1\",namespace=\"fleet\"";
  static final String CLUSTER_UID = "uid=\"0d5c8f3e-7a41-4f0b-9b7e-2c6a1e9d4f10\"";
  static final String MACHINE =
      "cluster_name=\"prod-eu1\",customresource_group=\"cluster.x-k8s.io\","
          + "customresource_kind=\"Machine\",customresource_version=\"v1beta2\","
          + "name=\"prod-eu1-cp-x7k2p\",namespace=\"fleet\"";
  static final String MACHINE_UID = "uid=\"6b1e2f44-9c3d-4e8a-a1f2-5d7c9b0e3a21\"";

  static List<String> lines(String text, String name) {
    return Arrays.stream(text.split("\n"))
        .filter(line -> line.startsWith(name + "{"))
        .sorted()
        .toList();
  }

  static String render(String... objects) {
    return Rendered.render(
        CONFIG, Arrays.stream(objects).map(OBJECTS::resolve).toArray(Path[]::new));
  }

  @Test
  void loadsWithoutProblemsOrWarnings() throws InvalidConfigException {
    CompiledConfig config = ConfigLoader.load(List.of(CONFIG));
    assertEquals(List.of(), config.warnings());
    assertEquals(16, config.resources().size());
    assertEquals(
        94, config.resources().stream().map(ResourceMapping::metrics).mapToInt(List::size).sum());
  }

  @Test
  void clusterSeries() {
    String text = render("capi-cluster.yaml", "capi-machine.yaml");
    assertEquals(
        List.of(
            "capi_cluster_info{control_plane_endpoint_host=\"10.0.0.10\","
                + "control_plane_endpoint_port=\"6443\","
                + "control_plane_reference_kind=\"KubeadmControlPlane\","
                + "control_plane_reference_name=\"prod-eu1-cp\","
                + CLUSTER.replace(
                    ",name=",
                    ",infrastructure_reference_kind=\"DockerCluster\","
                        + "infrastructure_reference_name=\"prod-eu1-infra\",name=")
                + ",topology_classref_name=\"quick-start\",topology_classref_namespace=\"classes\","
                + "topology_version=\"v1.33.1\","
                + CLUSTER_UID
                + "} 1"),
        lines(text, "capi_cluster_info"));
    assertEquals(
        List.of("capi_cluster_created{" + CLUSTER + "," + CLUSTER_UID + "} 1.77788595e+09"),
        lines(text, "capi_cluster_created"));
    assertEquals(
        List.of("capi_cluster_spec_paused{" + CLUSTER + "," + CLUSTER_UID + "} 1"),
        lines(text, "capi_cluster_spec_paused"));
    assertEquals(
        List.of(
            "capi_cluster_annotation_paused{"
                + CLUSTER
                + ",paused_value=\"maintenance\","
                + CLUSTER_UID
                + "} 1"),
        lines(text, "capi_cluster_annotation_paused"));
    String condition =
        "capi_cluster_status_condition{"
            + CLUSTER
            + ",status=\"%s\",type=\"%s\","
            + CLUSTER_UID
            + "} %s";
    assertEquals(
        List.of(
            condition.formatted("False", "Available", "0"),
            condition.formatted("False", "Paused", "0"),
            condition.formatted("False", "RollingOut", "0"),
            condition.formatted("True", "Available", "1"),
            condition.formatted("True", "Paused", "1"),
            condition.formatted("True", "RollingOut", "0"),
            condition.formatted("Unknown", "Available", "0"),
            condition.formatted("Unknown", "Paused", "0"),
            condition.formatted("Unknown", "RollingOut", "1")),
        lines(text, "capi_cluster_status_condition"));
    String transition =
        "capi_cluster_status_condition_last_transition_time{"
            + CLUSTER
            + ",status=\"%s\",type=\"%s\","
            + CLUSTER_UID
            + "} %s";
    assertEquals(
        List.of(
            transition.formatted("True", "Available", "1.7778864e+09"),
            transition.formatted("True", "Paused", "1.7779392e+09"),
            transition.formatted("Unknown", "RollingOut", "1.7778861e+09")),
        lines(text, "capi_cluster_status_condition_last_transition_time"));
    String phase = "capi_cluster_status_phase{" + CLUSTER + ",phase=\"%s\"," + CLUSTER_UID + "} %s";
    assertEquals(
        List.of(
            phase.formatted("Deleting", "0"),
            phase.formatted("Failed", "0"),
            phase.formatted("Pending", "0"),
            phase.formatted("Provisioned", "1"),
            phase.formatted("Provisioning", "0"),
            phase.formatted("Unknown", "0")),
        lines(text, "capi_cluster_status_phase"));
  }

  @Test
  void aNewClusterIsNotPausedAndHasNoConditionSeries() {
    String text = render("capi-cluster-provisioning.yaml");
    String labels =
        "customresource_group=\"cluster.x-k8s.io\",customresource_kind=\"Cluster\","
            + "customresource_version=\"v1beta2\",name=\"dev-1\",namespace=\"fleet\","
            + "uid=\"4e9a7c21-0b3d-4c55-8f6e-1a2b3c4d5e6f\"";
    // spec.paused is absent: nilIsZero gives 0; no annotation, no conditions: no series
    assertEquals(
        List.of("capi_cluster_spec_paused{" + labels + "} 0"),
        lines(text, "capi_cluster_spec_paused"));
    assertEquals(List.of(), lines(text, "capi_cluster_annotation_paused"));
    assertEquals(List.of(), lines(text, "capi_cluster_status_condition"));
    assertEquals(
        List.of(
            "capi_cluster_info{control_plane_endpoint_host=\"\",control_plane_endpoint_port=\"0\","
                + labels.replace(
                    ",name=",
                    ",infrastructure_reference_kind=\"DockerCluster\","
                        + "infrastructure_reference_name=\"dev-1\",name=")
                + "} 1"),
        lines(text, "capi_cluster_info"));
    assertEquals(
        List.of(
            "capi_cluster_status_phase{"
                + labels.replace(",uid=", ",phase=\"Provisioning\",uid=")
                + "} 1"),
        lines(text, "capi_cluster_status_phase").stream()
            .filter(line -> line.endsWith(" 1"))
            .toList());
  }

  @Test
  void machineSeries() {
    String text = render("capi-cluster.yaml", "capi-machine.yaml");
    assertEquals(
        List.of(
            "capi_machine_info{bootstrap_reference_kind=\"KubeadmConfig\","
                + "bootstrap_reference_name=\"prod-eu1-cp-x7k2p\",cluster_name=\"prod-eu1\","
                + "container_runtime_version=\"containerd://2.0.5\","
                + "control_plane_name=\"prod-eu1-cp\",customresource_group=\"cluster.x-k8s.io\","
                + "customresource_kind=\"Machine\",customresource_version=\"v1beta2\","
                + "failure_domain=\"fd-1\",infrastructure_reference_kind=\"DockerMachine\","
                + "infrastructure_reference_name=\"prod-eu1-cp-x7k2p\","
                + "kernel_version=\"6.8.0-60-generic\",kube_proxy_version=\"v1.33.1\","
                + "kubelet_version=\"v1.33.1\",name=\"prod-eu1-cp-x7k2p\",namespace=\"fleet\","
                + "os_image=\"Ubuntu 24.04.2 LTS\",provider_id=\"docker:////prod-eu1-cp-x7k2p\","
                + MACHINE_UID
                + ",version=\"v1.33.1\"} 1"),
        lines(text, "capi_machine_info"));
    String phase = "capi_machine_status_phase{" + MACHINE + ",phase=\"%s\"," + MACHINE_UID + "} %s";
    assertEquals(
        List.of(
            phase.formatted("Deleted", "0"),
            phase.formatted("Deleting", "0"),
            phase.formatted("Failed", "0"),
            phase.formatted("Pending", "0"),
            phase.formatted("Provisioned", "0"),
            phase.formatted("Provisioning", "0"),
            phase.formatted("Running", "1"),
            phase.formatted("Unknown", "0"),
            phase.formatted("Updating", "0")),
        lines(text, "capi_machine_status_phase"));
    assertEquals(
        List.of(
            "capi_machine_status_condition{"
                + MACHINE
                + ",status=\"False\",type=\"NodeHealthy\","
                + MACHINE_UID
                + "} 1",
            "capi_machine_status_condition{"
                + MACHINE
                + ",status=\"True\",type=\"Ready\","
                + MACHINE_UID
                + "} 1"),
        lines(text, "capi_machine_status_condition").stream()
            .filter(line -> line.endsWith(" 1"))
            .toList());
    assertEquals(
        List.of(
            "capi_machine_addresses{address=\"172.18.0.4\","
                + MACHINE
                + ",type=\"InternalIP\","
                + MACHINE_UID
                + "} 1",
            "capi_machine_addresses{address=\"prod-eu1-cp-x7k2p\","
                + MACHINE
                + ",type=\"Hostname\","
                + MACHINE_UID
                + "} 1"),
        lines(text, "capi_machine_addresses"));
    assertEquals(
        List.of(
            "capi_machine_status_noderef{"
                + MACHINE
                + ",node_name=\"prod-eu1-cp-x7k2p\","
                + MACHINE_UID
                + "} 1"),
        lines(text, "capi_machine_status_noderef"));
    assertEquals(
        List.of(
            "capi_machine_status_certificatesexpirydate{"
                + MACHINE
                + ","
                + MACHINE_UID
                + "} 1.80942204e+09"),
        lines(text, "capi_machine_status_certificatesexpirydate"));
  }
}

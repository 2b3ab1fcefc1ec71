package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kinds found among the CRDs rather than named: a mapping of every kind of a group, and a mapping
 * that leaves the version to the CRD, against a real API server whose CRDs come, change and go.
 */
class KubernetesWildcardTest {

  private static final Path CRDS = Path.of("src/test/resources/kube/wildcard");
  private static final String UP = "custom_resource_exporter_resource_up{group=\"";

  private static final String EVERY_CONTOSO_KIND =
      """
      resources:
        - group: contoso.com
          kind: "*"
          labels: {namespace: $.metadata.namespace, name: $.metadata.name}
          metrics:
            - name: contoso_resource_info
              type: info
              labels: {kind: $.kind, api_version: $.apiVersion}
      """;

  @RegisterExtension final ApiServerPerTest server = new ApiServerPerTest();
  private LocalKubeApiServer api;

  @BeforeEach
  void useApiServer() {
    api = server.api();
  }

  @Test
  void everyKindOfAGroupIsReadAsItsCrdsAppear() throws Exception {
    try (RunningExporter exporter =
        new RunningExporter(config(EVERY_CONTOSO_KIND), api.kubeconfig())) {
      exporter.awaitReady("ready with no CRD of the group");
      String text = exporter.get("/metrics");
      assertEquals(List.of(), lines(text, "contoso_"), text);
      assertEquals(List.of(), lines(text, UP + "contoso.com\""), "no health for kind *");

      // a kind that a new CRD brings leaves a ready pod ready while it is first listed
      ReadinessProber prober = new ReadinessProber(exporter);
      try {
        api.installCrd(crd("myplatforms.contoso.com.yaml"));
        api.create("myplatforms", object("contoso.com/v1alpha1", "MyPlatform", "platform-a"));
        awaitLines(exporter, "contoso_", info("MyPlatform", "contoso.com/v1alpha1", "platform-a"));
        awaitLines(exporter, UP + "contoso.com\"", up("contoso.com", "MyPlatform", "v1alpha1"));
        prober.assertAlwaysReady();
      } finally {
        prober.close();
      }

      api.installCrd(crd("updates.contoso.com.yaml"));
      api.create("updates", object("contoso.com/v1", "Update", "update-a"));
      awaitLines(
          exporter,
          "contoso_",
          info("MyPlatform", "contoso.com/v1alpha1", "platform-a"),
          info("Update", "contoso.com/v1", "update-a"));

      api.delete("contoso.com", "v1alpha1", "myplatforms", "default", "platform-a");
      awaitLines(exporter, "contoso_", info("Update", "contoso.com/v1", "update-a"));
      awaitLines(
          exporter,
          UP + "contoso.com\"",
          up("contoso.com", "MyPlatform", "v1alpha1"),
          up("contoso.com", "Update", "v1"));
    }
  }

  @Test
  void aKindWithoutVersionFollowsTheStorageVersionOfItsCrd() throws Exception {
    Path config =
        config(
            """
            resources:
              - group: example.com
                kind: Application
                metricPrefix: example_application
                labels: {namespace: $.metadata.namespace, name: $.metadata.name}
                metrics:
                  - {name: info, type: info, labels: {api_version: $.apiVersion}}
            """);
    api.installCrd(crd("applications.example.com.yaml"));
    api.create("applications", object("example.com/v1alpha1", "Application", "app-1"));
    try (RunningExporter exporter = new RunningExporter(config, api.kubeconfig())) {
      awaitLines(exporter, "example_application_", application("app-1", "v1alpha1"));

      api.replaceCrd(crd("applications.example.com-v1.yaml"));
      api.create("applications", object("example.com/v1", "Application", "app-2"));
      awaitLines(
          exporter,
          Duration.ofSeconds(20),
          "example_application_",
          application("app-1", "v1"),
          application("app-2", "v1"));
      awaitLines(exporter, UP + "example.com\"", up("example.com", "Application", "v1"));
      String text =
          awaitLines(
              exporter,
              "custom_resource_exporter_objects{group=\"example.com\"",
              "custom_resource_exporter_objects{group=\"example.com\",kind=\"Application\","
                  + "version=\"v1\"} 2.0");
      // counters keep the history of the old version; no other series may
      assertEquals(
          List.of(),
          text.lines()
              .filter(line -> line.contains("v1alpha1") && !line.startsWith("#"))
              .filter(line -> !line.contains("_total{"))
              .toList(),
          text);
    }
  }

  @Test
  void aKindsOwnEntryDecidesHowItIsReadAndEditedMappingsApply() throws Exception {
    api.installCrd(crd("myplatforms.contoso.com.yaml"));
    api.installCrd(crd("updates.contoso.com.yaml"));
    Map<String, Object> prod = object("contoso.com/v1alpha1", "MyPlatform", "platform-prod");
    prod.put("metadata", Map.of("name", "platform-prod", "labels", Map.of("tier", "prod")));
    api.create("myplatforms", prod);
    api.create("myplatforms", object("contoso.com/v1alpha1", "MyPlatform", "platform-dev"));
    api.create("updates", object("contoso.com/v1", "Update", "update-a"));
    Path config = config(EVERY_CONTOSO_KIND);
    try (RunningExporter exporter = new RunningExporter(config, api.kubeconfig())) {
      awaitLines(
          exporter,
          "contoso_",
          info("MyPlatform", "contoso.com/v1alpha1", "platform-dev"),
          info("MyPlatform", "contoso.com/v1alpha1", "platform-prod"),
          info("Update", "contoso.com/v1", "update-a"));
      // a list is counted once all its objects are delivered, which may be after they show
      double updateLists =
          lists(exporter.await("Updates listed", t -> lists(t, "Update") >= 1), "Update");

      // MyPlatform gets an entry of its own, which selects prod objects only
      Files.writeString(
          config,
          EVERY_CONTOSO_KIND
              + """
                - group: contoso.com
                  kind: MyPlatform
                  labelSelector: tier=prod
                  metrics:
                    - {name: contoso_platform_info, type: info, labels: {name: $.metadata.name}}
              """);
      exporter.exporter().reloadConfig();
      String text =
          awaitLines(
              exporter,
              "contoso_",
              "contoso_platform_info{name=\"platform-prod\"} 1.0",
              info("MyPlatform", "contoso.com/v1alpha1", "platform-prod"),
              info("Update", "contoso.com/v1", "update-a"));
      assertEquals(updateLists, lists(text, "Update"), "Update's mappings did not change");

      // an edit of the mapping of every kind maps the objects of every kind again
      Files.writeString(
          config, Files.readString(config).replace("contoso_resource_info", "contoso_object_info"));
      exporter.exporter().reloadConfig();
      awaitLines(
          exporter,
          "contoso_",
          "contoso_object_info{api_version=\"contoso.com/v1alpha1\",kind=\"MyPlatform\","
              + "name=\"platform-prod\",namespace=\"default\"} 1.0",
          "contoso_object_info{api_version=\"contoso.com/v1\",kind=\"Update\","
              + "name=\"update-a\",namespace=\"default\"} 1.0",
          "contoso_platform_info{name=\"platform-prod\"} 1.0");
      awaitLines(
          exporter,
          UP + "contoso.com\"",
          up("contoso.com", "MyPlatform", "v1alpha1"),
          up("contoso.com", "Update", "v1"));
    }
  }

  private Path config(String yaml) throws Exception {
    return Files.writeString(server.dir().resolve("mapping.yaml"), yaml);
  }

  private static Map<String, Object> crd(String file) throws Exception {
    return LocalKubeApiServer.manifest(CRDS.resolve(file));
  }

  private static Map<String, Object> object(String apiVersion, String kind, String name) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    object.put("metadata", Map.of("name", name));
    return object;
  }

  private static String info(String kind, String apiVersion, String name) {
    return "contoso_resource_info{api_version=\""
        + apiVersion
        + "\",kind=\""
        + kind
        + "\",name=\""
        + name
        + "\",namespace=\"default\"} 1.0";
  }

  private static String application(String name, String version) {
    return "example_application_info{api_version=\"example.com/"
        + version
        + "\",name=\""
        + name
        + "\",namespace=\"default\"} 1.0";
  }

  private static String up(String group, String kind, String version) {
    return UP + group + "\",kind=\"" + kind + "\",version=\"" + version + "\"} 1.0";
  }

  /** Waits until the sample lines that start with {@code prefix} are exactly {@code expected}. */
  private static String awaitLines(
      RunningExporter exporter, Duration timeout, String prefix, String... expected)
      throws Exception {
    List<String> wanted = List.of(expected).stream().sorted().toList();
    return exporter.await(
        timeout, prefix + "* exactly " + wanted, text -> lines(text, prefix).equals(wanted));
  }

  private static String awaitLines(RunningExporter exporter, String prefix, String... expected)
      throws Exception {
    return awaitLines(exporter, Duration.ofSeconds(30), prefix, expected);
  }

  private static List<String> lines(String text, String prefix) {
    return text.lines().filter(line -> line.startsWith(prefix)).sorted().toList();
  }

  /** Lists completed so far for one kind, from the exporter's self-metrics. */
  private static double lists(String text, String kind) {
    String prefix = "custom_resource_exporter_lists_total{group=\"contoso.com\",kind=\"" + kind;
    return text.lines()
        .filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}

package io.crexporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.crexporter.config.ConfigLoader;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.ResourceMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints and renders the Helm chart with a real Helm (helm-java: Helm 3 as a native library) for
 * several value sets, and checks the rendered objects: that they are Kubernetes objects, that RBAC
 * grants exactly what the enabled mappings read (computed with the exporter's own config loader),
 * that selectors match, and that the ConfigMap holds mappings the exporter accepts.
 */
class HelmChartTest {

  static final Path CHART = Path.of("charts/custom-resource-exporter");
  static final String RELEASE = "cre";
  static final String NAMESPACE = "monitoring";
  // helm template assumes Kubernetes 1.20 unless told; the chart needs 1.21 (policy/v1)
  static final String KUBE_VERSION = "1.30.0";
  static final String CRD_RULE = "apiextensions.k8s.io/customresourcedefinitions";
  static final String NAMESPACES_RULE = "/namespaces";
  static final List<String> DEFAULT_PRESETS =
      List.of("cartographer", "carvel", "flux", "knative", "kpack", "kubevirt", "tekton");

  @TempDir Path tmp;

  // ---------------------------------------------------------------------------------------------
  // rendering

  /** The rendered objects of a release, in order. */
  record Rendered(List<Map<String, Object>> objects) {
    List<Map<String, Object>> all(String kind) {
      return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> one(String kind) {
      List<Map<String, Object>> found = all(kind);
      assertEquals(1, found.size(), "expected one " + kind + ", got " + found.size());
      return found.get(0);
    }

    /** The Deployment, or the StatefulSet when sharded. */
    Map<String, Object> deployment() {
      return all("StatefulSet").isEmpty() ? one("Deployment") : one("StatefulSet");
    }

    Map<String, Object> podTemplate() {
      return map(map(deployment(), "spec"), "template");
    }

    Map<String, String> podLabels() {
      return stringMap(map(podTemplate(), "metadata").get("labels"));
    }

    Map<String, Object> container() {
      return maps(map(podTemplate(), "spec").get("containers")).get(0);
    }
  }

  Rendered render(String values) throws IOException {
    return render(CHART, values);
  }

  Rendered render(Path chart, String values) throws IOException {
    Path file = Files.createTempFile(tmp, "values", ".yaml");
    Files.writeString(file, values);
    String manifest =
        new Helm(chart)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION)
            .withValuesFile(file)
            .call();
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : new Yaml(new LoaderOptions()).loadAll(manifest)) {
      if (document != null) {
        objects.add(asMap(document, "document"));
      }
    }
    Rendered rendered = new Rendered(objects);
    checkCommon(rendered);
    return rendered;
  }

  // ---------------------------------------------------------------------------------------------
  // checks every value set gets

  void checkCommon(Rendered r) throws IOException {
    Set<String> seen = new TreeSet<>();
    for (Map<String, Object> object : r.objects()) {
      assertTrue(object.get("apiVersion") instanceof String s && !s.isEmpty(), object.toString());
      assertTrue(object.get("kind") instanceof String s && !s.isEmpty(), object.toString());
      Map<String, Object> metadata = map(object, "metadata");
      String name = (String) metadata.get("name");
      assertTrue(
          name != null && name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") && name.length() <= 253,
          "bad name " + name);
      String key = object.get("kind") + "/" + metadata.get("namespace") + "/" + name;
      assertTrue(seen.add(key), "rendered twice: " + key);
      assertNoWildcard(object, object.get("kind") + " " + name);
    }
    checkDeployment(r);
    checkSelectors(r);
    checkServiceAccount(r);
  }

  /**
   * No wildcard in RBAC, except {@code resources: ["*"]} alone in a rule of one named API group:
   * the grant for a mapping of every kind of that group (kind "*").
   */
  static void assertNoWildcard(Object node, String where) {
    if (node instanceof Map<?, ?> m) {
      if (m.containsKey("rules") && (where.startsWith("ClusterRole") || where.startsWith("Role"))) {
        for (Map<String, Object> rule : maps(m.get("rules"))) {
          List<String> groups = strings(rule.get("apiGroups"));
          boolean everyKindOfAGroup =
              strings(rule.get("resources")).equals(List.of("*"))
                  && groups.size() == 1
                  && !groups.get(0).isEmpty()
                  && !groups.get(0).contains("*");
          for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames")) {
            if (field.equals("resources") && everyKindOfAGroup) {
              continue;
            }
            for (Object value : list(rule.get(field))) {
              assertFalse(String.valueOf(value).contains("*"), where + ": wildcard in " + rule);
            }
          }
        }
      }
      m.values().forEach(v -> assertNoWildcard(v, where));
    } else if (node instanceof List<?> l) {
      l.forEach(v -> assertNoWildcard(v, where));
    }
  }

  void checkDeployment(Rendered r) {
    Map<String, Object> container = r.container();
    Map<String, Object> podSpec = map(r.podTemplate(), "spec");
    // probes on the named port
    List<Map<String, Object>> ports = maps(container.get("ports"));
    assertEquals("http", ports.get(0).get("name"));
    if (map(container, "livenessProbe").containsKey("tcpSocket")) {
      // a client certificate is required: the kubelet has none
      assertEquals("http", map(map(container, "livenessProbe"), "tcpSocket").get("port"));
      assertEquals("http", map(map(container, "readinessProbe"), "tcpSocket").get("port"));
    } else {
      Map<String, Object> liveness = map(map(container, "livenessProbe"), "httpGet");
      Map<String, Object> readiness = map(map(container, "readinessProbe"), "httpGet");
      assertEquals("/healthz", liveness.get("path"));
      assertEquals("/readyz", readiness.get("path"));
      assertEquals("http", liveness.get("port"));
      assertEquals("http", readiness.get("port"));
      assertTrue(List.of("HTTP", "HTTPS").contains(liveness.get("scheme")), liveness.toString());
      assertEquals(liveness.get("scheme"), readiness.get("scheme"));
    }
    // hardening
    Map<String, Object> security = map(container, "securityContext");
    assertEquals(true, security.get("runAsNonRoot"));
    assertEquals(true, security.get("readOnlyRootFilesystem"));
    assertEquals(false, security.get("allowPrivilegeEscalation"));
    assertEquals(List.of("ALL"), map(security, "capabilities").get("drop"));
    assertEquals("RuntimeDefault", map(security, "seccompProfile").get("type"));
    assertEquals(true, map(podSpec, "securityContext").get("runAsNonRoot"));
    // a writable /tmp on a read-only root
    Map<String, String> mountsByVolume = new LinkedHashMap<>();
    for (Map<String, Object> mount : maps(container.get("volumeMounts"))) {
      mountsByVolume.put((String) mount.get("name"), (String) mount.get("mountPath"));
    }
    Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
    for (Map<String, Object> volume : maps(podSpec.get("volumes"))) {
      volumes.put((String) volume.get("name"), volume);
    }
    String tmpVolume =
        mountsByVolume.entrySet().stream()
            .filter(e -> e.getValue().equals("/tmp"))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no /tmp mount"));
    assertTrue(volumes.get(tmpVolume).containsKey("emptyDir"));
    // the args read the mounted ConfigMap
    List<String> args = strings(container.get("args"));
    assertEquals("serve", args.get(0));
    String configPath = args.get(args.indexOf("--config") + 1);
    String configVolume =
        mountsByVolume.entrySet().stream()
            .filter(e -> e.getValue().equals(configPath))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(() -> new AssertionError("--config " + configPath + " is not mounted"));
    assertNotNull(map(volumes.get(configVolume), "configMap").get("name"));
    assertEquals(
        String.valueOf(ports.get(0).get("containerPort")), args.get(args.indexOf("--port") + 1));
  }

  static String configMapName(Rendered r) {
    Map<String, Object> podSpec = map(r.podTemplate(), "spec");
    return maps(podSpec.get("volumes")).stream()
        .filter(v -> v.containsKey("configMap"))
        .map(v -> (String) map(v, "configMap").get("name"))
        .findFirst()
        .orElseThrow();
  }

  void checkSelectors(Rendered r) {
    Map<String, String> podLabels = r.podLabels();
    assertSubset(
        stringMap(map(map(r.deployment(), "spec"), "selector").get("matchLabels")), podLabels);
    Map<String, Object> service = r.one("Service");
    Map<String, String> serviceSelector = stringMap(map(service, "spec").get("selector"));
    assertSubset(serviceSelector, podLabels);
    Map<String, Object> servicePort = maps(map(service, "spec").get("ports")).get(0);
    assertEquals("http", servicePort.get("name"));
    assertEquals("http", servicePort.get("targetPort"));
    for (Map<String, Object> pdb : r.all("PodDisruptionBudget")) {
      assertSubset(stringMap(map(map(pdb, "spec"), "selector").get("matchLabels")), podLabels);
    }
    for (Map<String, Object> policy : r.all("NetworkPolicy")) {
      Map<String, Object> spec = map(policy, "spec");
      assertSubset(stringMap(map(spec, "podSelector").get("matchLabels")), podLabels);
      assertEquals("http", maps(maps(spec.get("ingress")).get(0).get("ports")).get(0).get("port"));
    }
    Map<String, String> serviceLabels = stringMap(map(service, "metadata").get("labels"));
    for (Map<String, Object> monitor : r.all("ServiceMonitor")) {
      Map<String, Object> spec = map(monitor, "spec");
      assertSubset(stringMap(map(spec, "selector").get("matchLabels")), serviceLabels);
      assertEquals(
          List.of(map(service, "metadata").get("namespace")),
          map(spec, "namespaceSelector").get("matchNames"));
      for (Map<String, Object> endpoint : maps(spec.get("endpoints"))) {
        assertEquals(servicePort.get("name"), endpoint.get("port"));
        assertEquals("/metrics", endpoint.get("path"));
      }
    }
    for (Map<String, Object> monitor : r.all("PodMonitor")) {
      Map<String, Object> spec = map(monitor, "spec");
      assertSubset(stringMap(map(spec, "selector").get("matchLabels")), podLabels);
      for (Map<String, Object> endpoint : maps(spec.get("podMetricsEndpoints"))) {
        assertEquals("http", endpoint.get("port"));
      }
    }
  }

  void checkServiceAccount(Rendered r) {
    String account = (String) map(r.podTemplate(), "spec").get("serviceAccountName");
    assertEquals(account, map(r.one("ServiceAccount"), "metadata").get("name"));
    for (String kind : List.of("ClusterRoleBinding", "RoleBinding")) {
      for (Map<String, Object> binding : r.all(kind)) {
        if (map(binding, "metadata").get("name").toString().endsWith("-metrics-reader")) {
          // binds scrapers, not the exporter
          continue;
        }
        Map<String, Object> subject = maps(binding.get("subjects")).get(0);
        assertEquals(account, subject.get("name"));
        assertEquals(NAMESPACE, subject.get("namespace"));
        String role = (String) map(binding, "roleRef").get("name");
        String roleKind = (String) map(binding, "roleRef").get("kind");
        Object bindingNamespace = map(binding, "metadata").get("namespace");
        assertTrue(
            r.all(roleKind).stream()
                .map(o -> map(o, "metadata"))
                .anyMatch(
                    m ->
                        role.equals(m.get("name"))
                            && Objects.equals(bindingNamespace, m.get("namespace"))),
            kind + " refers to a missing " + roleKind + " " + role);
      }
    }
  }

  static void assertSubset(Map<String, String> selector, Map<String, String> labels) {
    assertFalse(selector.isEmpty(), "empty selector");
    for (Map.Entry<String, String> e : selector.entrySet()) {
      assertEquals(e.getValue(), labels.get(e.getKey()), "selector " + selector + " vs " + labels);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // mappings and RBAC

  /** The mapping files of the rendered ConfigMap, loaded by the exporter's own loader. */
  CompiledConfig loadConfigMap(Rendered r) throws IOException, InvalidConfigException {
    Map<String, Object> configMap = r.one("ConfigMap");
    assertEquals(configMapName(r), map(configMap, "metadata").get("name"));
    Path dir = Files.createTempDirectory(tmp, "configmap");
    Map<String, String> data = stringMap(configMap.get("data"));
    assertFalse(data.isEmpty());
    for (Map.Entry<String, String> file : data.entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    return ConfigLoader.load(List.of(dir));
  }

  /** Mapping files: the given presets from config/ (the source of the chart's copies) and more. */
  CompiledConfig loadSources(List<String> presets, Map<String, String> custom)
      throws IOException, InvalidConfigException {
    Path dir = Files.createTempDirectory(tmp, "sources");
    for (String preset : presets) {
      Files.copy(Path.of("config", preset + ".yaml"), dir.resolve(preset + ".yaml"));
    }
    for (Map.Entry<String, String> file : custom.entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    return ConfigLoader.load(List.of(dir));
  }

  static String groupResource(ResourceId id) {
    if (id.isAnyKind()) {
      return id.group() + "/*";
    }
    String plural = id.plural().isEmpty() ? ResourceId.defaultPlural(id.kind()) : id.plural();
    return id.group() + "/" + plural;
  }

  /**
   * What RBAC must grant: scope ("" for the cluster, else a namespace) -> group/plural. In
   * namespaced mode a resource is read in the namespaces it names, else in {@code namespaces}.
   */
  static Map<String, Set<String>> expectedAccess(CompiledConfig config, List<String> namespaces) {
    Map<String, Set<String>> access = new TreeMap<>();
    for (ResourceMapping mapping : config.resources()) {
      List<String> scopes =
          namespaces.isEmpty()
              ? List.of("")
              : mapping.selection().namespaces().isEmpty()
                  ? namespaces
                  : mapping.selection().namespaces();
      for (String scope : scopes) {
        access.computeIfAbsent(scope, s -> new TreeSet<>()).add(groupResource(mapping.resource()));
      }
    }
    // a namespace selector reads the namespaces whose labels match
    if (config.resources().stream().anyMatch(m -> m.selection().selectsNamespacesByLabel())) {
      access.put("namespaces", new TreeSet<>(Set.of(NAMESPACES_RULE)));
    }
    // every kind of a group covers the group's kinds mapped on their own
    for (Set<String> granted : access.values()) {
      if (granted.contains(NAMESPACES_RULE)) {
        continue;
      }
      Set<String> everyKind =
          granted.stream()
              .filter(g -> g.endsWith("/*"))
              .map(g -> g.substring(0, g.length() - 1))
              .collect(Collectors.toSet());
      granted.removeIf(
          g -> !g.endsWith("/*") && everyKind.contains(g.substring(0, g.lastIndexOf('/') + 1)));
    }
    return access;
  }

  /** What the rendered RBAC grants, in the same form; the CRD rule apart. */
  static Map<String, Set<String>> grantedAccess(Rendered r) {
    Map<String, Set<String>> access = new TreeMap<>();
    for (Map<String, Object> role : r.all("ClusterRole")) {
      String name = (String) map(role, "metadata").get("name");
      // the roles of web.kubernetesAuthorization grant no mapped resource
      if (!name.endsWith("-auth") && !name.endsWith("-metrics-reader")) {
        collect(role, "", access);
      }
    }
    for (Map<String, Object> role : r.all("Role")) {
      collect(role, (String) map(role, "metadata").get("namespace"), access);
    }
    return access;
  }

  private static void collect(
      Map<String, Object> role, String scope, Map<String, Set<String>> access) {
    for (Map<String, Object> rule : maps(role.get("rules"))) {
      List<String> verbs = strings(rule.get("verbs"));
      for (String group : strings(rule.get("apiGroups"))) {
        for (String resource : strings(rule.get("resources"))) {
          String key = group + "/" + resource;
          if (key.equals(CRD_RULE)) {
            assertEquals("", scope, "CRDs are cluster-scoped");
            assertEquals(List.of("list", "watch"), verbs);
            access.computeIfAbsent("crd", s -> new TreeSet<>()).add(key);
          } else if (key.equals(NAMESPACES_RULE)) {
            assertEquals("", scope, "namespaces are cluster-scoped");
            assertEquals(List.of("list", "watch"), verbs);
            access.computeIfAbsent("namespaces", s -> new TreeSet<>()).add(key);
          } else {
            assertEquals(List.of("get", "list", "watch"), verbs, key);
            assertTrue(
                access.computeIfAbsent(scope, s -> new TreeSet<>()).add(key),
                "granted twice in " + scope + ": " + key);
          }
        }
      }
    }
  }

  static Map<String, Set<String>> withCrds(Map<String, Set<String>> access) {
    Map<String, Set<String>> result = new TreeMap<>(access);
    result.put("crd", Set.of(CRD_RULE));
    return result;
  }

  static Set<String> ids(CompiledConfig config) {
    return config.resources().stream()
        .map(m -> m.resource() + " " + m.selection())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static String checksum(Rendered r) {
    Object annotations = map(r.podTemplate(), "metadata").get("annotations");
    return annotations == null ? null : stringMap(annotations).get("checksum/config");
  }

  // ---------------------------------------------------------------------------------------------
  // the value sets

  @Test
  void lintsCleanly() {
    LintResult result = new Helm(CHART).lint().strict().call();
    assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
  }

  @Test
  void defaults() throws Exception {
    Rendered r = render("");
    CompiledConfig expected = loadSources(DEFAULT_PRESETS, Map.of());
    assertEquals(ids(expected), ids(loadConfigMap(r)));
    assertEquals(withCrds(expectedAccess(expected, List.of())), grantedAccess(r));
    assertTrue(r.all("Role").isEmpty());
    assertNotNull(checksum(r), "checksum/config rolls pods when the mappings change");
    assertNull(r.container().get("resources"), "resources are unset by default");
    for (String kind :
        List.of(
            "ServiceMonitor",
            "PodMonitor",
            "PodDisruptionBudget",
            "NetworkPolicy",
            "PrometheusRule")) {
      assertTrue(r.all(kind).isEmpty(), kind + " is off by default");
    }
    assertEquals(
        Set.of(
            "ServiceAccount",
            "ConfigMap",
            "ClusterRole",
            "ClusterRoleBinding",
            "Service",
            "Deployment"),
        r.objects().stream().map(o -> (String) o.get("kind")).collect(Collectors.toSet()));
  }

  @Test
  void everyPresetClusterWide() throws Exception {
    List<String> all = presetNames();
    Rendered r = render("presets: [" + String.join(", ", all) + "]\n");
    CompiledConfig expected = loadSources(all, Map.of());
    assertEquals(ids(expected), ids(loadConfigMap(r)));
    assertEquals(withCrds(expectedAccess(expected, List.of())), grantedAccess(r));
  }

  @Test
  void serviceMonitorPdbAndNetworkPolicy() throws Exception {
    Rendered r =
        render(
            """
            serviceMonitor:
              enabled: true
              additionalLabels: {release: kube-prometheus-stack}
              interval: 1m
              scrapeTimeout: 20s
              relabelings:
                - {targetLabel: cluster, replacement: prod}
              metricRelabelings:
                - {sourceLabels: [__name__], regex: 'jvm_.*', action: drop}
            podDisruptionBudget: {enabled: true}
            networkPolicy:
              enabled: true
              ingressFrom:
                - namespaceSelector:
                    matchLabels: {kubernetes.io/metadata.name: monitoring}
            """);
    Map<String, Object> monitor = r.one("ServiceMonitor");
    assertEquals(
        "kube-prometheus-stack", stringMap(map(monitor, "metadata").get("labels")).get("release"));
    Map<String, Object> endpoint = maps(map(monitor, "spec").get("endpoints")).get(0);
    assertEquals("http", endpoint.get("port"));
    assertEquals("1m", endpoint.get("interval"));
    assertEquals("20s", endpoint.get("scrapeTimeout"));
    assertEquals(true, endpoint.get("honorLabels"), "object namespace labels are kept");
    assertEquals("cluster", maps(endpoint.get("relabelings")).get(0).get("targetLabel"));
    assertEquals("drop", maps(endpoint.get("metricRelabelings")).get(0).get("action"));
    assertEquals(1, map(r.one("PodDisruptionBudget"), "spec").get("maxUnavailable"));
    Map<String, Object> policy = map(r.one("NetworkPolicy"), "spec");
    assertEquals(List.of("Ingress"), policy.get("policyTypes"));
    assertEquals(1, maps(maps(policy.get("ingress")).get(0).get("from")).size());
  }

  @Test
  void podMonitor() throws Exception {
    Rendered r =
        render("podMonitor: {enabled: true, additionalLabels: {release: kps}, interval: 15s}\n");
    Map<String, Object> monitor = r.one("PodMonitor");
    assertEquals("kps", stringMap(map(monitor, "metadata").get("labels")).get("release"));
    assertEquals(
        "15s", maps(map(monitor, "spec").get("podMetricsEndpoints")).get(0).get("interval"));
    assertTrue(r.all("ServiceMonitor").isEmpty());
  }

  @Test
  void namespaced() throws Exception {
    List<String> all = presetNames();
    String own =
        """
        resources:
          - group: example.com
            version: v1
            kind: Policy
            namespaces: [team-c]
            metrics: [{name: policy_info, help: A policy., type: info}]
        """;
    Rendered r =
        render(
            "namespaces: [team-a, team-b]\npresets: ["
                + String.join(", ", all)
                + "]\ncustomMappings:\n  own.yaml: |\n"
                + own.indent(4));
    List<String> namespaces = List.of("team-a", "team-b");
    CompiledConfig sources = loadSources(all, Map.of("own.yaml", own));
    CompiledConfig rendered = loadConfigMap(r);
    // the chart sets the namespaces on every resource that names none
    for (ResourceMapping mapping : rendered.resources()) {
      List<String> expected =
          mapping.resource().kind().equals("Policy") ? List.of("team-c") : namespaces;
      assertEquals(expected, mapping.selection().namespaces(), mapping.resource().toString());
    }
    assertEquals(
        sources.resources().stream().map(m -> m.resource().toString()).sorted().toList(),
        rendered.resources().stream().map(m -> m.resource().toString()).sorted().toList());
    Map<String, Set<String>> expected = expectedAccess(sources, namespaces);
    assertEquals(Set.of("example.com/policies"), expected.get("team-c"));
    assertEquals(withCrds(expected), grantedAccess(r));
    // only CRD discovery is cluster-wide
    assertEquals(
        List.of(CRD_RULE),
        maps(r.one("ClusterRole").get("rules")).stream()
            .map(
                rule ->
                    strings(rule.get("apiGroups")).get(0)
                        + "/"
                        + strings(rule.get("resources")).get(0))
            .toList());
    assertEquals(3, r.all("Role").size());
    assertEquals(3, r.all("RoleBinding").size());
  }

  @Test
  void namespacedWithoutCrdDiscovery() throws Exception {
    Rendered r = render("namespaces: [team-a]\npresets: [kpack]\nrbac: {discoverCRDs: false}\n");
    assertTrue(r.all("ClusterRole").isEmpty());
    assertTrue(r.all("ClusterRoleBinding").isEmpty());
    assertEquals(Map.of("team-a", Set.of("kpack.io/builds", "kpack.io/images")), grantedAccess(r));
  }

  @Test
  void customMappings() throws Exception {
    // a string with two documents, a derived plural and the core group; an object; a JSON object
    String policies =
        """
        # policies, plural derived from the kind
        resources:
          - group: example.com
            version: v1
            kind: Policy
            metricPrefix: policy
            labels: {namespace: $.metadata.namespace, name: $.metadata.name}
            metrics:
              - {name: info, help: A policy., type: info}
        ---
        resources:
          - version: v1
            kind: ConfigMap
            metrics:
              - {name: configmap_count, help: ConfigMaps., type: count}
        """;
    Rendered r =
        render(
            "presets: [kpack]\ncustomMappings:\n  policies.yaml: |\n"
                + policies.indent(4)
                + """
                  boxes.yaml:
                    resources:
                      - group: shipping.example.com
                        version: v1
                        kind: Box
                        metrics:
                          - {name: box_info, help: A box., type: info, labels: {name: $.metadata.name}}
                  batches.json:
                    resources:
                      - group: batch.example.com
                        version: v2
                        kind: Batch
                        plural: batchs
                        metrics:
                          - {name: batch_info, help: A batch., type: info}
                """);
    Map<String, String> data = stringMap(r.one("ConfigMap").get("data"));
    assertEquals(
        Set.of("kpack.yaml", "policies.yaml", "boxes.yaml", "batches.json"), data.keySet());
    assertEquals(policies, data.get("policies.yaml"), "strings are kept as written");
    JsonParser.parseString(data.get("batches.json"));
    CompiledConfig rendered = loadConfigMap(r);
    Path dir = Files.createTempDirectory(tmp, "custom");
    Files.writeString(dir.resolve("policies.yaml"), policies);
    Files.writeString(dir.resolve("boxes.yaml"), data.get("boxes.yaml"));
    Files.writeString(dir.resolve("batches.json"), data.get("batches.json"));
    CompiledConfig expected = loadSources(List.of("kpack"), Map.of());
    List<ResourceMapping> all = new ArrayList<>(expected.resources());
    all.addAll(ConfigLoader.load(List.of(dir)).resources());
    CompiledConfig sources = new CompiledConfig(all);
    assertEquals(ids(sources), ids(rendered));
    Map<String, Set<String>> access = expectedAccess(sources, List.of());
    assertEquals(
        Set.of(
            "kpack.io/builds",
            "kpack.io/images",
            "example.com/policies",
            "/configmaps",
            "shipping.example.com/boxes",
            "batch.example.com/batchs"),
        access.get(""));
    assertEquals(withCrds(access), grantedAccess(r));
  }

  // ---------------------------------------------------------------------------------------------
  // kube-state-metrics configurations as customMappings

  /** A kube-state-metrics resource entry (Flux's gotk_resource_info), as a YAML list item. */
  static String ksmResource(String group, String version, String kind, String more) {
    return """
        - groupVersionKind: {group: %s, version: "%s", kind: "%s"}
          metricNamePrefix: gotk
          %s
          metrics:
            - name: resource_info
              help: The current state of a Flux resource.
              each:
                type: Info
                info:
                  labelsFromPath:
                    name: [metadata, name]
              labelsFromPath:
                exported_namespace: [metadata, namespace]
        """
        .formatted(group, version, kind, more);
  }

  static String ksmResource(String group, String version, String kind) {
    return ksmResource(group, version, kind, "");
  }

  /** {@code values} with the customMappings as YAML text of the values file. */
  static String customMappings(String presets, Map<String, String> files) {
    StringBuilder values = new StringBuilder("presets: " + presets + "\ncustomMappings:\n");
    files.forEach(
        (name, content) ->
            values.append("  ").append(name).append(":\n").append(content.indent(4)));
    return values.toString();
  }

  /**
   * Renders, loads the rendered ConfigMap with the exporter's loader, and checks RBAC against it.
   */
  Map<String, Set<String>> renderAndCheckAccess(String values) throws Exception {
    Rendered r = render(values);
    CompiledConfig rendered = loadConfigMap(r);
    Map<String, Set<String>> expected = expectedAccess(rendered, List.of());
    assertEquals(withCrds(expected), grantedAccess(r));
    return expected;
  }

  /**
   * A namespace selector adds list and watch on namespaces, cluster-wide and in namespaced mode;
   * without one, no rule names namespaces (every other test compares the whole access).
   */
  @Test
  void aNamespaceSelectorGrantsListAndWatchOnNamespaces() throws Exception {
    String mapping =
        Files.readString(Path.of("src/test/resources/kube/mappings/namespace-selector.yaml"));
    String values = customMappings("[]", Map.of("selected.yaml", mapping));
    Map<String, Set<String>> cluster = renderAndCheckAccess(values);
    assertEquals(Set.of(NAMESPACES_RULE), cluster.get("namespaces"));
    Rendered namespaced = render("namespaces: [team-a, team-b]\n" + values);
    CompiledConfig rendered = loadConfigMap(namespaced);
    assertEquals(
        withCrds(expectedAccess(rendered, List.of("team-a", "team-b"))), grantedAccess(namespaced));
    assertEquals(List.of("team-a", "team-b"), rendered.resources().get(0).selection().namespaces());
    assertEquals("env=prod", rendered.resources().get(0).selection().namespaceSelector());
  }

  /** The exposition of one object under the mappings of the rendered ConfigMap. */
  private String renderedSeries(Rendered r, Path object) throws Exception {
    Map<String, String> data = stringMap(r.one("ConfigMap").get("data"));
    Path dir = Files.createTempDirectory(tmp, "rendered");
    for (Map.Entry<String, String> file : data.entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    return io.crexporter.Fixtures.render(List.of(dir), List.of(object));
  }

  /** A custom mapping using expressions, fallbacks, value maps and nested each, as a map. */
  @Test
  void customMappingsWithTheWholeMappingLanguage() throws Exception {
    String features = Files.readString(Path.of("src/test/resources/language/features.yaml"));
    // as a YAML value, not a string: the chart writes it back with toYaml
    String values = customMappings("[]", Map.of("features.yaml", features));
    Rendered r = render(values);
    CompiledConfig rendered = loadConfigMap(r);
    assertEquals(ids(loadSources(List.of(), Map.of("features.yaml", features))), ids(rendered));
    // the chart writes keys in its own order: the series are what must not change
    Path workload =
        Path.of("src/test/resources/fixtures/cartographer/examples/workload-ready.yaml");
    assertEquals(
        io.crexporter.Fixtures.render(
            List.of(Path.of("src/test/resources/language/features.yaml")), List.of(workload)),
        renderedSeries(r, workload),
        "the nested each and its expression survive the chart");
    renderAndCheckAccess(values);
  }

  @Test
  void ksmConfigsInEveryShape() throws Exception {
    String crsm =
        "apiVersion: customresourcestate.kube-state-metrics.io/v1alpha1\n"
            + "kind: CustomResourceStateMetrics\nspec:\n  resources:\n"
            + ksmResource("source.toolkit.fluxcd.io", "v1", "GitRepository").indent(4)
            + ksmResource("source.toolkit.fluxcd.io", "v1beta2", "OCIRepository").indent(4);
    String helmSpec =
        "spec:\n  resources:\n"
            + ksmResource(
                    "helm.toolkit.fluxcd.io", "v2", "HelmRelease", "resourcePlural: helmreleases")
                .indent(4);
    Map<String, String> files = new LinkedHashMap<>();
    // a CustomResourceStateMetrics, as an object and as a string; a bare spec
    files.put("gotk-sources.yaml", crsm);
    files.put(
        "gotk-sources-text.yaml",
        "|\n" + crsm.replace("source.toolkit", "text.source.toolkit").indent(2));
    files.put("gotk-helm.yaml", helmSpec);
    // a bare resources list of groupVersionKind entries
    files.put(
        "gotk-bare.yaml",
        "resources:\n" + ksmResource("notification.toolkit.fluxcd.io", "v1", "Receiver").indent(2));
    // kube-state-metrics values, config as an object and as a string
    files.put(
        "ksm-values.yaml",
        "customResourceState:\n  enabled: true\n  config:\n    spec:\n      resources:\n"
            + ksmResource("kustomize.toolkit.fluxcd.io", "v1", "Kustomization").indent(8));
    files.put(
        "ksm-values-text.yaml",
        "customResourceState:\n  enabled: true\n  config: |\n    kind: CustomResourceStateMetrics\n"
            + "    spec:\n      resources:\n"
            + ksmResource("image.toolkit.fluxcd.io", "v1beta2", "ImagePolicy").indent(8));
    // kube-prometheus-stack values, config as an object and as a string of two documents
    files.put(
        "kps-values.yaml",
        "kube-state-metrics:\n  customResourceState:\n    config:\n      spec:\n        resources:\n"
            + ksmResource("image.toolkit.fluxcd.io", "v1beta2", "ImageRepository").indent(10));
    files.put(
        "kps-values-text.yaml",
        "kube-state-metrics:\n  customResourceState:\n    config: |\n      spec:\n        resources:\n"
            + ksmResource("source.toolkit.fluxcd.io", "v1", "Bucket").indent(10)
            + "      ---\n      spec:\n        resources:\n"
            + ksmResource(
                    "source.toolkit.fluxcd.io", "v1", "HelmChart", "resourcePlural: helmcharts")
                .indent(10));
    // a ConfigMap of such files, as given to kube-state-metrics, and a JSON file
    files.put(
        "ksm-configmap.yaml",
        "|\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: crs-config}\n  data:\n"
            + "    config.yaml: |\n      spec:\n        resources:\n"
            + ksmResource("notification.toolkit.fluxcd.io", "v1beta3", "Alert").indent(10));
    files.put(
        "ksm.json",
        "spec:\n  resources:\n"
            + ksmResource("notification.toolkit.fluxcd.io", "v1beta3", "Provider").indent(4));
    Map<String, Set<String>> access = renderAndCheckAccess(customMappings("[]", files));
    assertEquals(
        Map.of(
            "",
            Set.of(
                "source.toolkit.fluxcd.io/gitrepositories",
                "source.toolkit.fluxcd.io/ocirepositories",
                "text.source.toolkit.fluxcd.io/gitrepositories",
                "text.source.toolkit.fluxcd.io/ocirepositories",
                "helm.toolkit.fluxcd.io/helmreleases",
                "notification.toolkit.fluxcd.io/receivers",
                "kustomize.toolkit.fluxcd.io/kustomizations",
                "image.toolkit.fluxcd.io/imagepolicies",
                "image.toolkit.fluxcd.io/imagerepositories",
                "source.toolkit.fluxcd.io/buckets",
                "source.toolkit.fluxcd.io/helmcharts",
                "notification.toolkit.fluxcd.io/alerts",
                "notification.toolkit.fluxcd.io/providers")),
        access);
  }

  @Test
  void ksmResourcePluralIsGrantedAsWritten() throws Exception {
    // an irregular plural the chart cannot derive from the kind
    String spec =
        "spec:\n  resources:\n"
            + ksmResource("example.com", "v1", "Octopus", "resourcePlural: octopodes").indent(4);
    Map<String, Set<String>> access =
        renderAndCheckAccess(customMappings("[]", Map.of("octopus.yaml", spec)));
    assertEquals(Map.of("", Set.of("example.com/octopodes")), access);
  }

  @Test
  void everyKindOfAGroupInBothFormats() throws Exception {
    String ours =
        """
        resources:
          - group: team.example.com
            kind: "*"
            metrics: [{name: team_object_count, help: Objects., type: count}]
          - group: team.example.com
            version: v1
            kind: Policy
            metrics: [{name: team_policy_info, help: A policy., type: info}]
        """;
    String ksm =
        "kind: CustomResourceStateMetrics\nspec:\n  resources:\n"
            + ksmResource("myteam.io", "*", "*").indent(4);
    Rendered r = render(customMappings("[kpack]", Map.of("ours.yaml", ours, "ksm.yaml", ksm)));
    Map<String, Set<String>> expected = expectedAccess(loadConfigMap(r), List.of());
    assertEquals(withCrds(expected), grantedAccess(r));
    assertEquals(
        Set.of("kpack.io/builds", "kpack.io/images", "team.example.com/*", "myteam.io/*"),
        expected.get(""));
    Map<String, List<String>> resourcesByGroup = new TreeMap<>();
    for (Map<String, Object> rule : maps(r.one("ClusterRole").get("rules"))) {
      resourcesByGroup.put(strings(rule.get("apiGroups")).get(0), strings(rule.get("resources")));
    }
    assertEquals(List.of("*"), resourcesByGroup.get("team.example.com"), "Policy is among them");
    assertEquals(List.of("*"), resourcesByGroup.get("myteam.io"));
    assertEquals(
        List.of("customresourcedefinitions"), resourcesByGroup.get("apiextensions.k8s.io"));
  }

  @Test
  void ownAndKsmMappingsTogether() throws Exception {
    String ours =
        """
        resources:
          - group: example.com
            version: v1
            kind: Policy
            metrics: [{name: policy_info, help: A policy., type: info}]
        """;
    // the same group in both formats, and a kind of a preset (flux) read by kube-state-metrics
    String ksm =
        "kube-state-metrics:\n  customResourceState:\n    enabled: true\n    config: |\n"
            + "      spec:\n        resources:\n"
            + ksmResource("example.com", "v1", "Widget").indent(10)
            + ksmResource("source.toolkit.fluxcd.io", "v1", "GitRepository").indent(10);
    Rendered r = render(customMappings("[kpack, flux]", Map.of("own.yaml", ours, "kps.yaml", ksm)));
    CompiledConfig rendered = loadConfigMap(r);
    Map<String, Set<String>> expected = expectedAccess(rendered, List.of());
    assertEquals(withCrds(expected), grantedAccess(r));
    Set<String> presets =
        expectedAccess(loadSources(List.of("kpack", "flux"), Map.of()), List.of()).get("");
    Set<String> all = new TreeSet<>(presets);
    all.addAll(Set.of("example.com/policies", "example.com/widgets"));
    assertEquals(all, expected.get(""));
    assertTrue(presets.contains("source.toolkit.fluxcd.io/gitrepositories"));
  }

  @Test
  void theReadmeKsmExample() throws Exception {
    String readme = Files.readString(CHART.resolve("README.md"));
    String section = readme.substring(readme.indexOf("### kube-state-metrics configurations"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String values = section.substring(start, section.indexOf("```\n", start));
    assertEquals(
        Map.of(
            "",
            Set.of(
                "kustomize.toolkit.fluxcd.io/kustomizations",
                "helm.toolkit.fluxcd.io/helmreleases")),
        renderAndCheckAccess(values));
  }

  static void assertFailsWith(String message, Exception e) {
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void refusesMappingsItCannotGrant() {
    // a shape the chart does not know names the file and document, and lists the known ones
    Exception unknown = refusedCustomMapping("a.yaml", "|\n  metrics: []\n");
    assertFailsWith("mapping file a.yaml, document 1: not a mapping file", unknown);
    assertFailsWith("customResourceState.config", unknown);
    assertFailsWith("[\"metrics\"]", unknown);
    // Helm values without a config
    Exception noConfig =
        refusedCustomMapping(
            "b.yaml", "|\n  kube-state-metrics:\n    customResourceState:\n      enabled: true\n");
    assertFailsWith(
        "mapping file b.yaml, document 1, kube-state-metrics.customResourceState: needs a config",
        noConfig);
    // invalid YAML in a config string
    Exception invalid =
        refusedCustomMapping("c.yaml", "customResourceState:\n  config: \"spec: [\"\n");
    assertFailsWith("mapping file c.yaml, document 1, customResourceState.config:", invalid);
    // a kube-state-metrics resource without its kind
    Exception noKind =
        refusedCustomMapping(
            "d.yaml", "spec:\n  resources:\n    - groupVersionKind: {group: g.io, version: v1}\n");
    assertFailsWith(
        "mapping file d.yaml, document 1, spec.resources[0]: a kube-state-metrics resource needs groupVersionKind with a kind",
        noKind);
    // a bare list is kube-state-metrics' when any entry names a groupVersionKind, as the exporter
    // reads it: its first entry, without one, is reported as a kube-state-metrics resource
    Exception firstWithout =
        refusedCustomMapping(
            "e.yaml",
            "resources:\n  - metrics: []\n"
                + "  - groupVersionKind: {group: g.io, version: v1, kind: K}\n");
    assertFailsWith(
        "mapping file e.yaml, document 1, resources[0]: a kube-state-metrics resource needs groupVersionKind with a kind",
        firstWithout);
    // every kind of the core group, which would grant every core resource
    Exception core =
        refusedCustomMapping(
            "e.yaml", "spec:\n  resources:\n" + ksmResource("\"\"", "v1", "*").indent(4));
    assertFailsWith(
        "spec.resources[0]: kind \"*\" reads every custom resource kind of a group", core);
  }

  /** What rendering fails with when the custom mappings are this one file. */
  private Exception refusedCustomMapping(String file, String text) {
    return assertThrows(Exception.class, () -> render(customMappings("[]", Map.of(file, text))));
  }

  @Test
  void refusesKsmConfigsInNamespacedMode() {
    String values =
        "namespaces: [team-a]\n"
            + customMappings(
                "[kpack]",
                Map.of(
                    "ksm.yaml",
                    "spec:\n  resources:\n" + ksmResource("myteam.io", "*", "*").indent(4)));
    Exception e = assertThrows(Exception.class, () -> render(values));
    assertFailsWith(
        "mapping file ksm.yaml, document 1, spec.resources[0]: the kube-state-metrics resource"
            + " myteam.io/* is read in every namespace, which namespaced mode",
        e);
    assertFailsWith("custom-resource-exporter convert", e);
    // this exporter's format inside a string: the chart cannot write the namespaces into it
    String inString =
        "namespaces: [team-a]\n"
            + customMappings(
                "[]",
                Map.of(
                    "own.yaml",
                    "customResourceState:\n  config: |\n    resources:\n"
                        + "      - {group: g.io, version: v1, kind: G, metrics: [{name: g_info, help:"
                        + " G., type: info}]}\n"));
    Exception own = assertThrows(Exception.class, () -> render(inString));
    assertFailsWith(
        "mapping file own.yaml, document 1, customResourceState.config, document 1, resources[0]:"
            + " in namespaced mode the chart sets `namespaces`",
        own);
  }

  @Test
  void refusesEveryKindOfAGroupWithoutCrdDiscoveryAndResolvesTheRestThroughDiscovery()
      throws Exception {
    // version "*" and no version: discovery finds a version, CRD access is not needed
    Rendered versionless =
        render(
            "rbac: {discoverCRDs: false}\n"
                + customMappings(
                    "[kpack]",
                    Map.of(
                        "ksm.yaml",
                        "resources:\n" + ksmResource("myteam.io", "*", "Foo").indent(2))));
    assertEquals(
        Map.of("", Set.of("kpack.io/builds", "kpack.io/images", "myteam.io/foos")),
        grantedAccess(versionless));
    assertFalse(
        maps(versionless.one("ClusterRole").get("rules")).stream()
            .anyMatch(rule -> strings(rule.get("resources")).contains("customresourcedefinitions")),
        "no CRD access");
    Exception ksm =
        assertThrows(
            Exception.class,
            () ->
                render(
                    "rbac: {discoverCRDs: false}\n"
                        + customMappings(
                            "[kpack]",
                            Map.of(
                                "ksm.yaml",
                                "resources:\n" + ksmResource("myteam.io", "v1", "*").indent(2)))));
    assertFailsWith(
        "mapping file ksm.yaml, document 1, resources[0]: myteam.io/* (every kind of the group) is"
            + " found through the CustomResourceDefinitions",
        ksm);
    assertFailsWith("rbac.discoverCRDs: true", ksm);
    Exception ours =
        assertThrows(
            Exception.class,
            () ->
                render(
                    "rbac: {discoverCRDs: false}\n"
                        + customMappings(
                            "[]",
                            Map.of(
                                "ours.yaml",
                                "resources:\n  - {group: g.io, kind: \"*\", metrics: [{name: g_count, help: G., type: count}]}\n"))));
    assertFailsWith(
        "g.io/* (every kind of the group) is found through the CustomResourceDefinitions", ours);
  }

  @Test
  void existingConfigMap() throws Exception {
    Rendered r =
        render(
            """
            config: {existingConfigMap: my-mappings}
            rbac:
              extraResources:
                - {group: example.com, resources: [widgets, gadgets]}
            """);
    assertTrue(r.all("ConfigMap").isEmpty(), "the chart renders no ConfigMap of its own");
    assertEquals("my-mappings", configMapName(r));
    assertNull(checksum(r), "the chart cannot know the content of a ConfigMap it does not render");
    assertEquals(
        withCrds(Map.of("", Set.of("example.com/gadgets", "example.com/widgets"))),
        grantedAccess(r));
  }

  @Test
  void hotReload() throws Exception {
    Rendered r = render("config: {hotReload: true}\n");
    assertNull(checksum(r), "with hot reload, a mapping change does not restart pods");
    loadConfigMap(r);
    // the ConfigMap is mounted as a directory, so that updates reach the running exporter
    for (Map<String, Object> mount : maps(r.container().get("volumeMounts"))) {
      assertNull(mount.get("subPath"));
    }
  }

  @Test
  void theChecksumFollowsTheMappings() throws Exception {
    String defaults = checksum(render(""));
    assertEquals(defaults, checksum(render("podAnnotations: {a: b}\n")));
    assertNotEquals(defaults, checksum(render("presets: [kpack]\n")));
  }

  @Test
  void refusesUnknownPresetsAndMissingMappings() {
    Exception unknown = assertThrows(Exception.class, () -> render("presets: [kpack, nope]\n"));
    assertTrue(unknown.getMessage().contains("unknown preset \"nope\""), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("kpack"), unknown.getMessage());
    Exception none = assertThrows(Exception.class, () -> render("presets: []\n"));
    assertTrue(none.getMessage().contains("no mappings"), none.getMessage());
    Exception badName =
        assertThrows(Exception.class, () -> render("customMappings: {notes.txt: 'a: b'}\n"));
    assertTrue(badName.getMessage().contains("notes.txt"), badName.getMessage());
  }

  @Test
  void rulesAndDashboardsWhenTheChartHasThem() throws Exception {
    // in the chart as it is: whatever files/ and dashboards/ hold (maybe nothing)
    Rendered actual = render("prometheusRule: {enabled: true}\ndashboards: {enabled: true}\n");
    Path rulesFile = CHART.resolve("files/prometheus-rules.yaml");
    assertEquals(Files.exists(rulesFile) ? 1 : 0, actual.all("PrometheusRule").size());
    assertEquals(jsonFiles(CHART.resolve("dashboards")).size(), dashboards(actual).size());

    // in a copy of the chart given a rules file and two dashboards
    Path copy = tmp.resolve("chart");
    copyTree(CHART, copy);
    Files.createDirectories(copy.resolve("files"));
    Files.createDirectories(copy.resolve("dashboards"));
    // only the files written below: the shipped ones are checked above
    for (Path shipped : jsonFiles(copy.resolve("dashboards"))) {
      Files.delete(shipped);
    }
    Files.writeString(
        copy.resolve("files/prometheus-rules.yaml"),
        """
        # a comment
        groups:
          - name: custom-resource-exporter
            rules:
              - alert: CustomResourceExporterDown
                expr: up{job="custom-resource-exporter"} == 0
                for: 5m
                labels: {severity: critical}
                annotations:
                  summary: 'Exporter {{ $labels.instance }} is down'
        """);
    String dashboard = "{\"uid\": \"cre-flux\", \"title\": \"Flux <&>\", \"panels\": []}";
    Files.writeString(copy.resolve("dashboards/Flux.json"), dashboard);
    Files.writeString(copy.resolve("dashboards/kpack.json"), "{\"uid\": \"cre-kpack\"}");
    Rendered r =
        render(
            copy,
            """
            prometheusRule: {enabled: true, additionalLabels: {release: kps}}
            dashboards: {enabled: true, annotations: {grafana_folder: Platform}}
            """);
    Map<String, Object> rule = r.one("PrometheusRule");
    assertEquals("kps", stringMap(map(rule, "metadata").get("labels")).get("release"));
    Map<String, Object> alert =
        maps(maps(map(rule, "spec").get("groups")).get(0).get("rules")).get(0);
    assertEquals("CustomResourceExporterDown", alert.get("alert"));
    assertEquals(
        "Exporter {{ $labels.instance }} is down",
        stringMap(alert.get("annotations")).get("summary"));
    List<Map<String, Object>> maps = dashboards(r);
    assertEquals(2, maps.size());
    for (Map<String, Object> configMap : maps) {
      Map<String, Object> metadata = map(configMap, "metadata");
      assertEquals("1", stringMap(metadata.get("labels")).get("grafana_dashboard"));
      assertEquals("Platform", stringMap(metadata.get("annotations")).get("grafana_folder"));
    }
    Map<String, String> flux =
        stringMap(
            maps.stream()
                .filter(m -> stringMap(m.get("data")).containsKey("Flux.json"))
                .findFirst()
                .orElseThrow()
                .get("data"));
    assertEquals(dashboard, flux.get("Flux.json"), "dashboards are shipped byte for byte");

    // off by default
    Rendered off = render(copy, "");
    assertTrue(off.all("PrometheusRule").isEmpty());
    assertTrue(dashboards(off).isEmpty());
  }

  static List<Map<String, Object>> dashboards(Rendered r) {
    return r.all("ConfigMap").stream()
        .filter(m -> stringMap(map(m, "metadata").get("labels")).containsKey("grafana_dashboard"))
        .toList();
  }

  @Test
  void thePresetsAreCopiesOfConfig() throws IOException, InterruptedException {
    List<String> sources = yamlNames(Path.of("config"));
    assertEquals(sources, yamlNames(CHART.resolve("presets")), "run hack/sync-chart.sh");
    for (String name : sources) {
      assertEquals(
          Files.readString(Path.of("config", name)),
          Files.readString(CHART.resolve("presets").resolve(name)),
          name + " differs: run hack/sync-chart.sh");
    }
    Process check =
        new ProcessBuilder("bash", "hack/sync-chart.sh", "--check")
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes());
    assertEquals(0, check.waitFor(), output);
  }

  @Test
  void theSyncCheckFailsOnAStaleCopy() throws IOException, InterruptedException {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("hack"));
    Files.copy(Path.of("hack/sync-chart.sh"), repo.resolve("hack/sync-chart.sh"));
    copyTree(Path.of("config"), repo.resolve("config"));
    copyTree(CHART, repo.resolve(CHART));
    Path copy = repo.resolve(CHART).resolve("presets/kpack.yaml");
    Files.writeString(copy, Files.readString(copy) + "# edited\n");
    Process check =
        new ProcessBuilder("bash", repo.resolve("hack/sync-chart.sh").toString(), "--check")
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes());
    assertEquals(1, check.waitFor(), output);
    assertTrue(output.contains("presets/kpack.yaml"), output);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  static List<String> presetNames() throws IOException {
    return yamlNames(CHART.resolve("presets")).stream()
        .map(n -> n.substring(0, n.length() - ".yaml".length()))
        .toList();
  }

  static List<String> yamlNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }

  static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).toList();
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value, String what) {
    assertTrue(value instanceof Map, what + " is not a mapping: " + value);
    return (Map<String, Object>) value;
  }

  static Map<String, Object> map(Map<String, Object> parent, String key) {
    return asMap(parent.get(key), key);
  }

  static List<?> list(Object value) {
    return value == null ? List.of() : (List<?>) value;
  }

  static List<Map<String, Object>> maps(Object value) {
    return list(value).stream().map(v -> asMap(v, "item")).toList();
  }

  static List<String> strings(Object value) {
    return list(value).stream().map(String::valueOf).toList();
  }

  static Map<String, String> stringMap(Object value) {
    Map<String, String> result = new LinkedHashMap<>();
    asMap(value, "map").forEach((k, v) -> result.put(k, String.valueOf(v)));
    return result;
  }
}

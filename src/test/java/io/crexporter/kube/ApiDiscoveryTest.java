package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.kubernetes.client.util.ClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery documents as kube-apiserver 1.20 serves them (captured into {@code
 * src/test/resources/kube/discovery}), plus an aggregated group whose server is down: what is read,
 * what is found, and that only the groups asked for are read.
 */
class ApiDiscoveryTest {

  private static final Path DOCUMENTS = Path.of("src/test/resources/kube/discovery");
  private static final String AGGREGATED = "gadgets.example.io";

  private final MockWebServer server = new MockWebServer();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private volatile boolean apisFails;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            paths.add(path);
            return answer(path);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MockResponse answer(String path) {
    try {
      if (path.equals("/apis") && apisFails) {
        return new MockResponse.Builder().code(500).body("{}").build();
      }
      if (path.equals("/apis/" + AGGREGATED + "/v1")) {
        return new MockResponse.Builder().code(503).body("service unavailable").build();
      }
      Path file = DOCUMENTS.resolve(path.substring(1).replace('/', '_') + ".json");
      if (!Files.exists(file)) {
        return new MockResponse.Builder().code(404).body("{}").build();
      }
      String body = Files.readString(file);
      if (path.equals("/apis")) {
        body = withAggregatedGroup(body);
      }
      return new MockResponse.Builder().code(200).body(body).build();
    } catch (IOException e) {
      return new MockResponse.Builder().code(500).body(e.toString()).build();
    }
  }

  /** The group list with one more group, as an aggregated API registers it. */
  @SuppressWarnings("unchecked")
  private static String withAggregatedGroup(String body) {
    Gson gson = new Gson();
    Map<String, Object> list = gson.fromJson(body, Map.class);
    List<Object> groups = new ArrayList<>((List<Object>) list.get("groups"));
    Map<String, Object> version = Map.of("groupVersion", AGGREGATED + "/v1", "version", "v1");
    groups.add(
        Map.of("name", AGGREGATED, "versions", List.of(version), "preferredVersion", version));
    list.put("groups", groups);
    return gson.toJson(list);
  }

  private ApiDiscovery.Snapshot read(Set<String> groups) throws IOException {
    KubeApi api =
        new KubeApi(
            ClientBuilder.standard(false).setBasePath(server.url("/").toString()).build(),
            KubeSettings.DEFAULTS);
    return new ApiDiscovery(api).read(groups);
  }

  @Test
  void findsBuiltInKindsAtEachVersionOfTheirGroupPreferredFirst() throws IOException {
    ApiDiscovery.Snapshot snapshot = read(Set.of("", "apps", "batch", AGGREGATED, "absent.io"));
    assertEquals(List.of("v1"), snapshot.versions().get(""));
    assertEquals(List.of("v1", "v1beta1"), snapshot.versions().get("batch"));
    assertEquals(
        List.of(new ApiDiscovery.ServedKind("", "v1", "ConfigMap", "configmaps", true, true)),
        snapshot.find("", "ConfigMap"));
    assertEquals(
        List.of(new ApiDiscovery.ServedKind("", "v1", "Namespace", "namespaces", false, true)),
        snapshot.find("", "Namespace"));
    assertEquals(
        List.of(new ApiDiscovery.ServedKind("apps", "v1", "Deployment", "deployments", true, true)),
        snapshot.find("apps", "Deployment"));
    // only at a version the group does not prefer; its status subresource is not a kind
    assertEquals(
        List.of(new ApiDiscovery.ServedKind("batch", "v1beta1", "CronJob", "cronjobs", true, true)),
        snapshot.find("batch", "CronJob"));
    assertEquals(
        List.of(new ApiDiscovery.ServedKind("", "v1", "Binding", "bindings", true, false)),
        snapshot.find("", "Binding"),
        "listed, but with neither list nor watch");
    assertEquals(
        "discovery of /apis/gadgets.example.io/v1 failed: HTTP 503: service unavailable",
        snapshot.failures().get(AGGREGATED),
        "a plain-text answer is quoted");
    assertEquals(Set.of(AGGREGATED), snapshot.failures().keySet());
    assertEquals(List.of(), snapshot.find("absent.io", "Gadget"));
    assertTrue(snapshot.covers(Set.of("", "apps")));
  }

  @Test
  void readsOnlyTheGroupsAskedFor() throws IOException {
    read(Set.of("apps"));
    assertEquals(List.of("/apis", "/apis/apps/v1"), paths);
  }

  @Test
  void aFailedGroupListFailsEveryNamedGroupAndNotTheCoreGroup() throws IOException {
    apisFails = true;
    ApiDiscovery.Snapshot snapshot = read(Set.of("", "apps"));
    assertEquals(Set.of("apps"), snapshot.failures().keySet());
    assertEquals(1, snapshot.find("", "ConfigMap").size());
    assertTrue(snapshot.failures().get("apps").startsWith("discovery failed: "));
  }
}

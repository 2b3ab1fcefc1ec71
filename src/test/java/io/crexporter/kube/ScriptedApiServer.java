package io.crexporter.kube;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * An API server whose answers a test scripts, over real HTTP: CRDs given at start (kpack Builds by
 * default), always established, and for kpack Builds and Images a queue of answers to lists and one
 * to watches, taken in order. Every request to them is recorded with its query and time, so that a
 * test tells a resumed watch from a new list exactly.
 */
final class ScriptedApiServer implements AutoCloseable {

  static final String BUILDS = "/apis/kpack.io/v1alpha2/builds";
  static final String IMAGES = "/apis/kpack.io/v1alpha2/images";
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static final Gson GSON = new Gson();

  /** A request to a scripted collection, as the server saw it. */
  record Request(String path, boolean watch, Map<String, String> query, long atNanos) {
    String param(String name) {
      return query.getOrDefault(name, "");
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final Map<String, BlockingQueue<Function<Request, MockResponse>>> lists =
      new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<Function<Request, MockResponse>>> watches =
      new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<WatchStream> streams = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> crds = new CopyOnWriteArrayList<>();

  /** Serves the CRD of kpack Builds only. */
  ScriptedApiServer() throws IOException {
    this("builds.kpack.io.yaml");
  }

  /** Serves these CRDs of {@code src/test/resources/kube/crds}, established. */
  ScriptedApiServer(String... crdFiles) throws IOException {
    for (String file : crdFiles) {
      Map<String, Object> crd = TestCrds.read(file);
      crd.put(
          "status", Map.of("conditions", List.of(Map.of("type", "Established", "status", "True"))));
      crds.add(crd);
    }
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            return answer(request);
          }
        });
    server.start();
  }

  /** Answers the next list of Builds; answers are used in the order given. */
  ScriptedApiServer list(Function<Request, MockResponse> answer) {
    return list(BUILDS, answer);
  }

  /** Answers the next watch of Builds. */
  ScriptedApiServer watch(Function<Request, MockResponse> answer) {
    return watch(BUILDS, answer);
  }

  /** Answers the next list of the collection at {@code path}. */
  ScriptedApiServer list(String path, Function<Request, MockResponse> answer) {
    lists.computeIfAbsent(path, p -> new LinkedBlockingQueue<>()).add(answer);
    return this;
  }

  ScriptedApiServer watch(String path, Function<Request, MockResponse> answer) {
    watches.computeIfAbsent(path, p -> new LinkedBlockingQueue<>()).add(answer);
    return this;
  }

  /** A kubeconfig that reaches this server over plain HTTP. */
  Path kubeconfig(Path dir) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: scripted",
            "  cluster: {server: \"http://127.0.0.1:" + server.getPort() + "\"}",
            "users:",
            "- name: tester",
            "  user: {token: scripted-token}",
            "contexts:",
            "- name: scripted",
            "  context: {cluster: scripted, user: tester}",
            "current-context: scripted",
            ""));
    return file;
  }

  /** Requests to Builds so far, lists and watches, in order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> watchRequests() {
    return requests.stream().filter(r -> r.watch() && r.path().equals(BUILDS)).toList();
  }

  List<Request> listRequests() {
    return requests.stream().filter(r -> !r.watch() && r.path().equals(BUILDS)).toList();
  }

  /** Waits until at least {@code n} requests to Builds match. */
  List<Request> awaitRequests(int n, boolean watch, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    List<Request> matching = watch ? watchRequests() : listRequests();
    while (matching.size() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected " + n + (watch ? " watches" : " lists") + ", saw " + requests());
      }
      Thread.sleep(10);
      matching = watch ? watchRequests() : listRequests();
    }
    return matching;
  }

  private MockResponse answer(RecordedRequest recorded) throws InterruptedException {
    HttpUrl url = recorded.getUrl();
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      query.put(name, url.queryParameter(name));
    }
    boolean watch = "true".equals(query.get("watch"));
    String path = url.encodedPath();
    if (path.equals(CRDS)) {
      return watch ? stream(new WatchStream().bookmarkEvery(300)) : crdList();
    }
    if (!path.equals(BUILDS) && !path.equals(IMAGES)) {
      return status(404, "NotFound", "the server could not find the requested resource");
    }
    Request request = new Request(path, watch, Map.copyOf(query), System.nanoTime());
    requests.add(request);
    BlockingQueue<Function<Request, MockResponse>> queue = (watch ? watches : lists).get(path);
    Function<Request, MockResponse> scripted = queue == null ? null : queue.poll();
    if (scripted != null) {
      return scripted.apply(request);
    }
    // nothing scripted: a list fails, a watch stays open and quiet until the test ends
    return watch ? stream(new WatchStream().bookmarkEvery(300)) : status(500, "", "not scripted");
  }

  @SuppressWarnings("unchecked")
  private MockResponse crdList() {
    return page("1", "", crds.toArray(new Map[0]));
  }

  /** A list page of {@code items} at {@code resourceVersion}, continued by {@code next}. */
  @SafeVarargs
  static MockResponse page(String resourceVersion, String next, Map<String, Object>... items) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", resourceVersion);
    if (!next.isEmpty()) {
      metadata.put("continue", next);
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("kind", "List");
    list.put("apiVersion", "v1");
    list.put("metadata", metadata);
    list.put("items", List.of(items));
    return json(200, list);
  }

  /** A Status answer, as the API server gives with every failure. */
  static MockResponse status(int code, String reason, String message) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return json(code, status);
  }

  /** A watch answered with {@code stream}'s events as they are sent. */
  MockResponse stream(WatchStream stream) {
    streams.add(stream);
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .addHeader("Transfer-Encoding", "chunked")
        // one connection a watch: what follows an ended stream never meets the next request
        .addHeader("Connection", "close")
        .body(stream)
        .build();
  }

  private static MockResponse json(int code, Object body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(GSON.toJson(body))
        .build();
  }

  /** A kpack Build with a Succeeded condition. */
  static Map<String, Object> build(String name, String resourceVersion, String succeeded) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", "ci");
    metadata.put("uid", "uid-" + name);
    metadata.put("resourceVersion", resourceVersion);
    Map<String, Object> build = new LinkedHashMap<>();
    build.put("apiVersion", "kpack.io/v1alpha2");
    build.put("kind", "Build");
    build.put("metadata", metadata);
    build.put("spec", Map.of("tags", List.of("registry.example.com/" + name)));
    build.put(
        "status", Map.of("conditions", List.of(Map.of("type", "Succeeded", "status", succeeded))));
    return build;
  }

  /** A watch event line: {@code {"type":..., "object":...}}. */
  static String event(String type, Map<String, Object> object) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", type);
    event.put("object", object);
    return GSON.toJson(event) + "\n";
  }

  /** A BOOKMARK event at {@code resourceVersion}. */
  static String bookmark(String resourceVersion) {
    return event(
        "BOOKMARK",
        new LinkedHashMap<>(
            Map.of(
                "kind",
                "Build",
                "apiVersion",
                "kpack.io/v1alpha2",
                "metadata",
                Map.of("resourceVersion", resourceVersion))));
  }

  /** An ERROR event carrying a Status. */
  static String errorEvent(int code, String reason, String message) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return event("ERROR", status);
  }

  static Map<String, Object> withVersion(Map<String, Object> object, String resourceVersion) {
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata =
        new LinkedHashMap<>((Map<String, Object>) object.get("metadata"));
    metadata.put("resourceVersion", resourceVersion);
    Map<String, Object> copy = new LinkedHashMap<>(object);
    copy.put("metadata", metadata);
    return copy;
  }

  @Override
  public void close() throws IOException {
    streams.forEach(WatchStream::end);
    server.close();
  }
}

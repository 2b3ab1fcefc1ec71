package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An aggregated API server of gadgets.example.io/v1 over HTTPS, with a self-signed certificate: its
 * discovery document (which the aggregator's availability checks read too), an empty OpenAPI
 * document for the aggregator's OpenAPI merge, and lists and watches of Gadgets, cluster-wide or in
 * a namespace. Watches stay open and quiet until the test changes a Gadget. Every request is logged
 * and recorded with the user the aggregator says it proxies for.
 */
final class FakeGadgetServer implements AutoCloseable {

  static final String GROUP = "gadgets.example.io";
  private static final Logger LOG = LoggerFactory.getLogger(FakeGadgetServer.class);

  private static final Gson GSON = new Gson();
  private static final String GROUP_VERSION = "/apis/" + GROUP + "/v1";
  private static final Pattern COLLECTION =
      Pattern.compile(Pattern.quote(GROUP_VERSION) + "(?:/namespaces/([^/]+))?/gadgets");

  /** A request as received, with the user named by its X-Remote-User header. */
  record Request(String path, String query, boolean watch, String user) {}

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Map<String, Object>> gadgets = new ConcurrentSkipListMap<>();
  private final AtomicLong resourceVersion = new AtomicLong(100);
  private final List<WatchStream> watches = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile boolean serving = true;

  FakeGadgetServer() throws IOException {
    HeldCertificate certificate =
        new HeldCertificate.Builder()
            .commonName("localhost")
            .addSubjectAlternativeName("localhost")
            .addSubjectAlternativeName("127.0.0.1")
            .build();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(certificate)
            .build()
            .sslSocketFactory());
    // WatchStream writes its own HTTP/1.1 chunks: no HTTP/2 for the aggregator to negotiate
    server.setProtocols(List.of(Protocol.HTTP_1_1));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    // the ExternalName "localhost" resolves to 127.0.0.1 among others
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  int port() {
    return server.getPort();
  }

  /** Every request answers 503 from now on, as from a server that is down. */
  void down() {
    serving = false;
  }

  void up() {
    serving = true;
  }

  void put(String namespace, String name, int size) {
    gadgets.put(namespace + "/" + name, gadget(namespace, name, size));
  }

  /** Changes a Gadget's size and sends the change to every open watch. */
  void modify(String namespace, String name, int size) {
    Map<String, Object> gadget = gadget(namespace, name, size);
    gadgets.put(namespace + "/" + name, gadget);
    String event = ScriptedApiServer.event("MODIFIED", gadget);
    LOG.info("aggregated API server: sending {}", event.trim());
    watches.forEach(watch -> watch.send(event));
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The lists and watches of Gadgets received. */
  List<Request> collectionRequests() {
    return requests.stream().filter(r -> COLLECTION.matcher(r.path()).matches()).toList();
  }

  void awaitWatches(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (watches.size() < n) {
      if (System.nanoTime() > deadline) {
        fail("expected " + n + " watches of Gadgets, saw " + requests());
      }
      Thread.sleep(20);
    }
  }

  private Map<String, Object> gadget(String namespace, String name, int size) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    metadata.put("uid", "uid-" + namespace + "-" + name);
    metadata.put("resourceVersion", Long.toString(resourceVersion.incrementAndGet()));
    Map<String, Object> gadget = new LinkedHashMap<>();
    gadget.put("apiVersion", GROUP + "/v1");
    gadget.put("kind", "Gadget");
    gadget.put("metadata", metadata);
    gadget.put("spec", Map.of("size", size));
    return gadget;
  }

  private MockResponse answer(RecordedRequest recorded) {
    HttpUrl url = recorded.getUrl();
    String path = url.encodedPath();
    boolean watch = "true".equals(url.queryParameter("watch"));
    String user = recorded.getHeaders().get("X-Remote-User");
    LOG.info(
        "aggregated API server: {} {} as {}{}",
        recorded.getMethod(),
        recorded.getTarget(),
        user,
        serving ? "" : " (down: 503)");
    requests.add(new Request(path, url.encodedQuery(), watch, user));
    if (!serving) {
      return ScriptedApiServer.status(503, "ServiceUnavailable", "down for the test");
    }
    if (path.equals(GROUP_VERSION)) {
      return json(resourceList());
    }
    if (path.equals("/openapi/v2")) {
      return json(
          Map.of(
              "swagger",
              "2.0",
              "info",
              Map.of("title", GROUP, "version", "v1"),
              "paths",
              Map.of()));
    }
    Matcher collection = COLLECTION.matcher(path);
    if (collection.matches()) {
      return watch ? watch() : list(collection.group(1));
    }
    return ScriptedApiServer.status(404, "NotFound", "the server could not find " + path);
  }

  private static Map<String, Object> resourceList() {
    Map<String, Object> gadgets = new LinkedHashMap<>();
    gadgets.put("name", "gadgets");
    gadgets.put("singularName", "gadget");
    gadgets.put("namespaced", true);
    gadgets.put("kind", "Gadget");
    gadgets.put("verbs", List.of("get", "list", "watch"));
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", GROUP + "/v1");
    list.put("resources", List.of(gadgets));
    return list;
  }

  /** The Gadgets of a namespace, or of all when {@code namespace} is null. */
  private MockResponse list(String namespace) {
    List<Map<String, Object>> items = new ArrayList<>();
    gadgets.forEach(
        (key, gadget) -> {
          if (namespace == null || key.startsWith(namespace + "/")) {
            items.add(gadget);
          }
        });
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", GROUP + "/v1");
    list.put("kind", "GadgetList");
    list.put("metadata", Map.of("resourceVersion", Long.toString(resourceVersion.get())));
    list.put("items", items);
    return json(list);
  }

  private MockResponse watch() {
    WatchStream stream = new WatchStream();
    watches.add(stream);
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .addHeader("Transfer-Encoding", "chunked")
        // one connection a watch: what follows an ended stream never meets the next request
        .addHeader("Connection", "close")
        .body(stream)
        .build();
  }

  private static MockResponse json(Object body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(GSON.toJson(body))
        .build();
  }

  @Override
  public void close() {
    watches.forEach(WatchStream::end);
    server.close();
  }
}

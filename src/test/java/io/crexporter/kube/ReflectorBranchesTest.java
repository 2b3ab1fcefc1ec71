package io.crexporter.kube;

import static io.crexporter.kube.ScriptedApiServer.build;
import static io.crexporter.kube.ScriptedApiServer.errorEvent;
import static io.crexporter.kube.ScriptedApiServer.event;
import static io.crexporter.kube.ScriptedApiServer.page;
import static io.crexporter.kube.ScriptedApiServer.status;
import static io.crexporter.kube.ScriptedExporter.buildMetric;
import static io.crexporter.kube.ScriptedExporter.info;
import static io.crexporter.kube.ScriptedExporter.metric;
import static io.crexporter.kube.ScriptedExporter.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every branch of the list-and-watch loop, driven by a scripted API server: which failures resume
 * the watch from the last version seen and which list again, how long each wait is, and what the
 * series and self-metrics show meanwhile. Lists and watches are counted both by the server and by
 * the exporter's own metrics.
 */
class ReflectorBranchesTest {

  @TempDir Path dir;
  private ScriptedApiServer server;
  private ScriptedExporter exporter;

  @BeforeEach
  void startServer() throws Exception {
    server = new ScriptedApiServer();
  }

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.close();
    }
    server.close();
  }

  private ScriptedExporter start(KubeSettings settings) throws Exception {
    exporter = new ScriptedExporter(server, dir, settings);
    return exporter;
  }

  private static final Map<String, Object> B1 = build("b1", "10", "Unknown");
  private static final Map<String, Object> B2 = build("b2", "10", "True");

  @Test
  void aWatchClosedByTheServerResumesFromTheLastVersionWithoutAList() throws Exception {
    WatchStream first = new WatchStream();
    server.list(r -> page("10", "", B1, B2)).watch(r -> server.stream(first));
    start(ScriptedExporter.FAST).awaitLine(succeeded("b1", "Unknown"));
    first.send(event("MODIFIED", build("b1", "12", "True")));
    exporter.awaitLine(succeeded("b1", "True"));
    first.end();

    List<ScriptedApiServer.Request> watches = server.awaitRequests(2, true, 5000);
    assertEquals("10", watches.get(0).param("resourceVersion"));
    assertEquals("12", watches.get(1).param("resourceVersion"), "resumed at the last event");
    String text = exporter.await("second watch counted", t -> buildMetric(t, "watches_total") == 2);
    assertEquals(1, server.listRequests().size(), server.requests().toString());
    assertEquals(1, buildMetric(text, "lists_total"));
    assertEquals(0, buildMetric(text, "list_watch_errors_total"));
    assertEquals(1, buildMetric(text, "resource_up"));
    assertTrue(text.contains(info("b2")), text);
  }

  @Test
  void aConnectionResetMidStreamResumesFromTheLastVersion() throws Exception {
    WatchStream first = new WatchStream();
    WatchStream second = new WatchStream();
    server
        .list(r -> page("10", "", B1))
        .watch(r -> server.stream(first))
        .watch(r -> server.stream(second));
    start(ScriptedExporter.FAST).awaitLine(succeeded("b1", "Unknown"));
    first.send(event("ADDED", build("b3", "13", "False"))).breakOff();

    List<ScriptedApiServer.Request> watches = server.awaitRequests(2, true, 5000);
    assertEquals("13", watches.get(1).param("resourceVersion"));
    second.send(event("DELETED", build("b3", "14", "False")));
    String text = exporter.await("b3 gone", t -> !t.contains("name=\"b3\""));
    assertEquals(1, server.listRequests().size(), server.requests().toString());
    assertEquals(1, buildMetric(text, "lists_total"));
    assertEquals(1, metric(text, "list_watch_errors_total", "operation=\"watch\""));
    assertEquals(1, buildMetric(text, "resource_up"), "up again once the watch reopened");
  }

  @Test
  void anErrorEvent410ListsAgainAndDropsWhatTheNewListLacks() throws Exception {
    WatchStream first = new WatchStream();
    server
        .list(r -> page("10", "", B1, B2))
        .watch(r -> server.stream(first))
        .list(r -> page("20", "", build("b1", "19", "True")));
    start(ScriptedExporter.FAST).awaitLine(info("b2"));
    first.send(errorEvent(410, "Expired", "too old resource version: 10 (15)"));

    List<ScriptedApiServer.Request> watches = server.awaitRequests(2, true, 5000);
    assertEquals("20", watches.get(1).param("resourceVersion"), "watched from the new list");
    String text = exporter.await("b2 gone", t -> !t.contains("name=\"b2\""));
    assertTrue(text.contains(succeeded("b1", "True")), text);
    assertEquals(2, server.listRequests().size());
    assertEquals(2, buildMetric(text, "lists_total"));
    assertEquals(0, buildMetric(text, "list_watch_errors_total"), "an expired watch is no error");
    assertEquals(1, buildMetric(text, "resource_up"));
  }

  @Test
  void anExpiredContinueTokenListsAgainInOneResponse() throws Exception {
    server
        .list(r -> page("30", "token-1", B1))
        .list(r -> status(410, "Expired", "The provided continue parameter is too old"))
        .list(r -> page("31", "", B1, B2));
    start(ScriptedExporter.FAST.withPageSize(1)).awaitLine(info("b2"));

    List<ScriptedApiServer.Request> lists = server.listRequests();
    assertEquals(3, lists.size(), lists.toString());
    assertEquals("1", lists.get(0).param("limit"));
    assertEquals("token-1", lists.get(1).param("continue"));
    assertEquals(Map.of(), lists.get(2).query(), "the restart asks for everything, without pages");
    assertEquals("31", server.awaitRequests(1, true, 5000).get(0).param("resourceVersion"));
    String text = exporter.await("listed once", t -> buildMetric(t, "lists_total") == 1);
    assertEquals(1, buildMetric(text, "resource_up"));
  }

  @Test
  void aForbiddenWatchListsAgainWithAGrowingBackoffAndKeepsTheKindDown() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.list(r -> page("10", "", B1)).watch(r -> status(403, "Forbidden", "watch denied"));
    }
    start(ScriptedExporter.FAST).awaitLine(info("b1"));
    List<ScriptedApiServer.Request> lists = server.awaitRequests(5, false, 15_000);
    // 100 ms doubling, each stretched by up to 100 %: the i-th wait is at least 100 ms * 2^i
    long[] gaps = gaps(lists);
    for (int i = 0; i < gaps.length; i++) {
      assertTrue(
          gaps[i] >= (100L << i) * 0.9,
          "a successful list does not reset the back-off: " + Arrays.toString(gaps));
    }
    String text = exporter.text();
    assertEquals(0, buildMetric(text, "resource_up"), "a kind that cannot be watched is down");
    assertEquals(0, buildMetric(text, "watches_total"));
    assertTrue(metric(text, "list_watch_errors_total", "operation=\"watch\"") >= 4, text);
    assertTrue(text.contains(info("b1")), "what the lists found is served");
  }

  @Test
  void tooManyRequestsWaitsAsLongAsTheServerAsksAndResumes() throws Exception {
    server.list(r -> page("10", "", B1)).watch(r -> slowDown(2));
    start(ScriptedExporter.FAST).awaitLine(info("b1"));
    List<ScriptedApiServer.Request> watches = server.awaitRequests(2, true, 10_000);
    long waited = gaps(watches)[0];
    assertTrue(waited >= 1900, "Retry-After: 2 honoured, waited " + waited + " ms");
    assertEquals("10", watches.get(1).param("resourceVersion"));
    assertEquals(1, server.listRequests().size());
  }

  @Test
  void tooManyRequestsToAListWaitsAsLongAsTheServerAsks() throws Exception {
    server.list(r -> slowDown(2)).list(r -> page("10", "", B1));
    start(ScriptedExporter.FAST).awaitLine(info("b1"));
    long waited = gaps(server.listRequests())[0];
    assertTrue(waited >= 1900, "Retry-After: 2 honoured, waited " + waited + " ms");
    String text = exporter.await("watching", t -> buildMetric(t, "watches_total") == 1);
    assertEquals(1, metric(text, "list_watch_errors_total", "operation=\"list\""));
  }

  @Test
  void aListPageThatStopsComingIsGivenUpAfterThePageTimeout() throws Exception {
    server.list(r -> server.stream(new WatchStream())).list(r -> page("10", "", B1));
    start(withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1))).awaitLine(info("b1"));
    long waited = gaps(server.listRequests())[0];
    assertTrue(waited >= 1000 && waited < 10_000, "given up after about 1 s: " + waited + " ms");
    String text = exporter.await("watching", t -> buildMetric(t, "watches_total") == 1);
    assertEquals(1, metric(text, "list_watch_errors_total", "operation=\"list\""));
    assertEquals(1, buildMetric(text, "lists_total"));
    assertEquals(1, buildMetric(text, "resource_up"));
  }

  /** 429 with {@code Retry-After}. */
  private static MockResponse slowDown(int seconds) {
    return status(429, "TooManyRequests", "slow down")
        .newBuilder()
        .addHeader("Retry-After", String.valueOf(seconds))
        .build();
  }

  @Test
  void aStormOfServerErrorsResumesTheWatchWithAGrowingBackoff() throws Exception {
    server.list(r -> page("10", "", B1));
    for (int i = 0; i < 5; i++) {
      int code = i % 2 == 0 ? 503 : 500;
      server.watch(r -> status(code, "ServiceUnavailable", "etcd leader changed"));
    }
    WatchStream healthy = new WatchStream();
    server.watch(r -> server.stream(healthy));
    start(ScriptedExporter.FAST).awaitLine(info("b1"));
    String during =
        exporter.await("errors counted", t -> buildMetric(t, "list_watch_errors_total") >= 2);
    assertEquals(0, buildMetric(during, "resource_up"), "down while the server fails");

    List<ScriptedApiServer.Request> watches = server.awaitRequests(6, true, 15_000);
    watches.forEach(w -> assertEquals("10", w.param("resourceVersion"), "every retry resumes"));
    long[] gaps = gaps(watches);
    // 100, 200, 400, 800, 800 ms, each stretched by up to 100 %
    assertTrue(gaps[4] >= 720 && gaps[4] > gaps[0] * 2, "the waits grow: " + Arrays.toString(gaps));
    healthy.send(event("MODIFIED", build("b1", "11", "True")));
    String text = exporter.awaitLine(succeeded("b1", "True"));
    assertEquals(1, server.listRequests().size(), "no list during the storm");
    assertEquals(1, buildMetric(text, "lists_total"));
    assertEquals(5, metric(text, "list_watch_errors_total", "operation=\"watch\""));
    assertEquals(1, buildMetric(text, "resource_up"));
  }

  @Test
  void bookmarksMoveTheVersionToResumeFromAndChangeNoSeries() throws Exception {
    WatchStream first = new WatchStream();
    server.list(r -> page("10", "", B1)).watch(r -> server.stream(first));
    start(ScriptedExporter.FAST);
    // a list's objects show before it is counted and heard from
    String before =
        exporter.await(
            "listed",
            t -> buildMetric(t, "lists_total") == 1 && t.contains(succeeded("b1", "Unknown")));
    double listed = buildMetric(before, "last_event_timestamp_seconds");
    assertTrue(listed > 0, "the list is heard from: " + before);
    Thread.sleep(20);
    double sent = System.currentTimeMillis() / 1000.0;
    first.send(ScriptedApiServer.bookmark("50"), ScriptedApiServer.bookmark("60")).end();

    assertEquals("60", server.awaitRequests(2, true, 5000).get(1).param("resourceVersion"));
    String text =
        exporter.await(
            "bookmarks counted", t -> metric(t, "watch_events_total", "type=\"BOOKMARK\"") == 2);
    assertEquals(series(before), series(text));
    assertEquals(1, buildMetric(text, "lists_total"));
    double heard = buildMetric(text, "last_event_timestamp_seconds");
    assertTrue(heard >= sent && heard > listed, "bookmarks are heard from: " + heard);
  }

  @Test
  void aSilentConnectionIsGivenUpAfterTheIdleTimeoutAndTheWatchResumes() throws Exception {
    WatchStream silent = new WatchStream();
    WatchStream second = new WatchStream();
    server
        .list(r -> page("10", "", B1))
        .watch(r -> server.stream(silent.send(event("MODIFIED", build("b1", "11", "True")))))
        .watch(r -> server.stream(second));
    start(withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5)))
        .awaitLine(succeeded("b1", "True"));

    List<ScriptedApiServer.Request> watches = server.awaitRequests(2, true, 10_000);
    long silence = gaps(watches)[0];
    assertTrue(silence >= 1000 && silence < 10_000, "noticed after about 1 s: " + silence + " ms");
    assertEquals("11", watches.get(1).param("resourceVersion"));
    second.send(event("MODIFIED", build("b1", "12", "False")));
    String text = exporter.awaitLine(succeeded("b1", "False"));
    assertEquals(1, server.listRequests().size());
    assertEquals(1, buildMetric(text, "lists_total"));
  }

  @Test
  void aFailedListIsRetriedAfterTheBackoffAndCountedAsAListError() throws Exception {
    server
        .list(r -> status(500, "InternalError", "etcd unavailable"))
        .list(r -> page("10", "", B1));
    start(ScriptedExporter.FAST).awaitLine(info("b1"));
    String text = exporter.await("watching", t -> buildMetric(t, "watches_total") == 1);
    assertEquals(1, metric(text, "list_watch_errors_total", "operation=\"list\""));
    assertEquals(1, buildMetric(text, "lists_total"), "lists completed, not attempted");
    assertEquals(1, buildMetric(text, "resource_up"));
    assertEquals(2, server.listRequests().size());
  }

  @Test
  void listsAreQuorumReadsUnlessTheWatchCacheIsAsked() throws Exception {
    server.list(r -> page("10", "", B1));
    start(ScriptedExporter.FAST).awaitLine(info("b1"));
    ScriptedApiServer.Request quorum = server.listRequests().get(0);
    assertFalse(quorum.query().containsKey("resourceVersion"), quorum.toString());
    assertEquals("500", quorum.param("limit"));
    exporter.close();
    exporter = null;

    server.list(r -> page("11", "", B1));
    start(ScriptedExporter.FAST.withListFromWatchCache(true)).awaitLine(info("b1"));
    ScriptedApiServer.Request cached = server.listRequests().get(1);
    assertEquals("0", cached.param("resourceVersion"), cached.toString());
  }

  @Test
  void aDefectWhileDeliveringIsRetriedWithTheBackoffNotInATightLoop() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.list(r -> page("10", "", B1));
    }
    ObjectSink failing =
        new ObjectSink() {
          @Override
          public void upsert(ObjectKey key, Map<String, Object> object) {
            throw new IllegalStateException("a defect");
          }

          @Override
          public void delete(ObjectKey key) {}
        };
    Reflector reflector = ScriptedExporter.startReflector(server, dir, failing, ObjectFilter.ALL);
    try {
      long[] gaps = gaps(server.awaitRequests(5, false, 15_000));
      assertTrue(
          gaps[3] >= 700 && gaps[3] > gaps[0], "paced like any failure: " + Arrays.toString(gaps));
      assertTrue(
          reflector.state().lastError().getMessage().contains("a defect"),
          String.valueOf(reflector.state().lastError()));
    } finally {
      reflector.stop();
      reflector.awaitStopped(Duration.ofSeconds(5));
    }
  }

  @Test
  void stoppingTheWatchesKeepsTheirSeriesForTheLastScrapes() throws Exception {
    WatchStream watch = new WatchStream();
    server.list(r -> page("10", "", B1, B2)).watch(r -> server.stream(watch));
    String before =
        start(ScriptedExporter.FAST)
            .await("listed", t -> buildMetric(t, "lists_total") == 1 && t.contains(info("b2")));
    server.awaitRequests(1, true, 5000);

    // what SIGTERM does first; the HTTP server still answers from the same exposition
    ScriptedExporter stopped = exporter;
    exporter = null;
    stopped.close();
    int requests = server.requests().size();
    Thread.sleep(500);
    assertEquals(series(before), series(stopped.text()), "no series deleted by the stop");
    assertEquals(requests, server.requests().size(), "nothing read after the stop");
  }

  /** Milliseconds between consecutive requests. */
  /** The fast settings with a watch's idle timeout and a list page's timeout of the test's own. */
  private static KubeSettings withTimeouts(Duration watchIdle, Duration listPage) {
    return ScriptedExporter.FAST.withTimeouts(
        Duration.ofMinutes(5), watchIdle, Duration.ofSeconds(15), listPage);
  }

  private static long[] gaps(List<ScriptedApiServer.Request> requests) {
    long[] gaps = new long[requests.size() - 1];
    for (int i = 1; i < requests.size(); i++) {
      gaps[i - 1] = (requests.get(i).atNanos() - requests.get(i - 1).atNanos()) / 1_000_000;
    }
    return gaps;
  }

  /** The mapped series of an exposition, without the exporter's own. */
  private static List<String> series(String text) {
    return text.lines().filter(line -> line.startsWith("kpack_")).toList();
  }
}

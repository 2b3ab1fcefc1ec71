package io.crexporter.kube;

import static io.crexporter.kube.ScriptedApiServer.build;
import static io.crexporter.kube.ScriptedApiServer.event;
import static io.crexporter.kube.ScriptedApiServer.page;
import static io.crexporter.kube.ScriptedExporter.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.Polling;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shard's reflector, against a scripted API server: which objects it keeps, and its place. */
class ShardedReflectorTest {

  private static final Shard FIRST_OF_TWO = new Shard(0, 2);

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

  /** Builds b0, b1... whose UIDs {@code uid-b0}... fall in either shard of two. */
  private static List<String> names(int count) {
    return IntStream.range(0, count).mapToObj(i -> "b" + i).toList();
  }

  private static boolean ofFirstShard(String name) {
    return FIRST_OF_TWO.owns("uid-" + name);
  }

  @SuppressWarnings("unchecked")
  @Test
  void aShardKeepsItsObjectsOfTheListAndOfTheWatch() throws Exception {
    List<String> names = names(12);
    assertTrue(names.stream().anyMatch(ShardedReflectorTest::ofFirstShard));
    assertTrue(names.stream().anyMatch(name -> !ofFirstShard(name)));
    WatchStream watch = new WatchStream();
    WatchStream resumed = new WatchStream();
    server
        .list(
            r ->
                page("10", "", names.stream().map(n -> build(n, "10", "True")).toArray(Map[]::new)))
        .watch(r -> server.stream(watch))
        .watch(r -> server.stream(resumed));
    exporter =
        new ScriptedExporter(
            List.of(ScriptedExporter.BUILDS),
            server.kubeconfig(dir),
            ScriptedExporter.FAST,
            new Sharding.Fixed(FIRST_OF_TWO));
    String other = names.stream().filter(n -> !ofFirstShard(n)).findFirst().get();
    // the list's objects are mapped on a thread of their own: wait for all of this shard's
    String text =
        exporter.await(
            "listed",
            t ->
                names.stream()
                    .filter(ShardedReflectorTest::ofFirstShard)
                    .allMatch(n -> t.contains(info(n))));
    for (String name : names) {
      assertEquals(ofFirstShard(name), text.contains(info(name)), name + " in " + text);
    }
    assertTrue(text.contains("custom_resource_exporter_shard_ordinal 0.0"), text);
    assertTrue(text.contains("custom_resource_exporter_total_shards 2.0"), text);

    // a new object of the other shard is passed over; the watch's place still moves past it
    String newMine =
        "n" + IntStream.range(0, 100).filter(i -> ofFirstShard("n" + i)).findFirst().getAsInt();
    String newOther =
        "n" + IntStream.range(0, 100).filter(i -> !ofFirstShard("n" + i)).findFirst().getAsInt();
    watch.send(event("ADDED", build(newMine, "11", "True")));
    watch.send(event("ADDED", build(newOther, "12", "True")));
    watch.send(event("MODIFIED", build(other, "13", "False")));
    watch.end();
    List<ScriptedApiServer.Request> watches = server.awaitRequests(2, true, 5000);
    assertEquals("13", watches.get(1).param("resourceVersion"), "resumed after the last event");
    text = exporter.await("new object of this shard", t -> t.contains(info(newMine)));
    assertFalse(text.contains(info(newOther)), text);
    assertFalse(text.contains(info(other)), text);
    assertEquals(1, server.listRequests().size());
  }

  @Test
  void anObjectAChangedShardDeclinesIsDeletedAtItsNextEventBeforeAnyList() throws Exception {
    WatchStream watch = new WatchStream();
    server.list(r -> page("10", "", build("b1", "10", "True"))).watch(r -> server.stream(watch));
    AtomicBoolean ofThisShard = new AtomicBoolean(true);
    Set<ObjectKey> stored = ConcurrentHashMap.newKeySet();
    ObjectSink sink =
        new ObjectSink() {
          @Override
          public void upsert(ObjectKey key, Map<String, Object> object) {
            stored.add(key);
          }

          @Override
          public void delete(ObjectKey key) {
            stored.remove(key);
          }
        };
    Reflector reflector =
        ScriptedExporter.startReflector(server, dir, sink, metadata -> ofThisShard.get());
    try {
      Polling.until(
          Duration.ofSeconds(10),
          "b1 listed",
          () -> Set.copyOf(stored),
          keys -> keys.equals(Set.of(new ObjectKey("uid-b1"))));
      server.awaitRequests(1, true, 5000);
      ofThisShard.set(false);
      watch.send(event("MODIFIED", build("b1", "11", "False")));
      Polling.until(
          Duration.ofSeconds(10),
          "b1, now of another shard, deleted",
          () -> Set.copyOf(stored),
          Set::isEmpty);
      assertEquals(1, server.listRequests().size());
    } finally {
      reflector.stop();
      reflector.awaitStopped(Duration.ofSeconds(5));
    }
  }
}

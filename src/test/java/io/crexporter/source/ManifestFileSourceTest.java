package io.crexporter.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestFileSourceTest {

  @TempDir Path dir;

  /** What the store would hold: object name (or key) per key. */
  private final Map<ObjectKey, Map<String, Object>> objects = new ConcurrentHashMap<>();

  private final List<String> errors = new ArrayList<>();
  private final ObjectSink sink =
      new ObjectSink() {
        @Override
        public void upsert(ObjectKey key, Map<String, Object> object) {
          objects.put(key, object);
        }

        @Override
        public void delete(ObjectKey key) {
          objects.remove(key);
        }
      };

  private static String build(String uid, String name, String status) {
    return "apiVersion: kpack.io/v1alpha2\nkind: Build\nmetadata: {uid: "
        + uid
        + ", name: "
        + name
        + ", namespace: default}\nstatus: {conditions: [{type: Succeeded, status: \""
        + status
        + "\"}]}\n";
  }

  private ManifestFileSource source(boolean watch) {
    return new ManifestFileSource(List.of(dir), sink, watch, errors::add);
  }

  private Object status(String uid) {
    Map<?, ?> status = (Map<?, ?>) objects.get(new ObjectKey(uid)).get("status");
    return ((Map<?, ?>) ((List<?>) status.get("conditions")).get(0)).get("status");
  }

  @Test
  void readsMultiDocumentYamlJsonAndLists() throws IOException {
    Files.writeString(
        dir.resolve("a.yaml"),
        build("u1", "one", "True") + "---\n---\n" + build("u2", "two", "False"));
    Files.writeString(
        dir.resolve("b.json"),
        "{\"apiVersion\": \"kpack.io/v1alpha2\", \"kind\": \"Build\", \"metadata\": {\"name\": \"three\","
            + " \"namespace\": \"ci\"}}");
    Files.writeString(
        dir.resolve("list.yml"),
        "apiVersion: v1\nkind: List\nitems:\n"
            + build("u4", "four", "True").indent(2).replaceFirst("  ", "- "));
    Files.writeString(dir.resolve("notes.txt"), "not read");
    ManifestFileSource source = source(false);
    source.start();
    assertTrue(source.hasSynced());
    assertEquals(4, objects.size(), objects.keySet().toString());
    assertTrue(
        objects.containsKey(new ObjectKey("kpack.io/v1alpha2/Build/ci/three")), "key without uid");
    assertEquals("True", status("u4"));
    assertEquals(List.of(), errors);
  }

  /**
   * A subdirectory that cannot be read (here a loop of links; a root-only lost+found in a volume
   * fails the same way) is skipped and reported once; the other files are read, and files read
   * before under it keep their objects.
   */
  @Test
  void anUnreadableSubdirectoryIsSkippedAndTheRestRead() throws IOException {
    Files.writeString(dir.resolve("good.yaml"), build("u1", "one", "True"));
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(sub.resolve("inner.yaml"), build("u2", "two", "True"));
    ManifestFileSource source = source(false);
    source.start();
    assertEquals(List.of("u1", "u2"), keys());
    // sub becomes unreadable: a link back to the directory it is in
    Files.delete(sub.resolve("inner.yaml"));
    Files.delete(sub);
    Files.createSymbolicLink(sub, dir);
    Files.writeString(dir.resolve("new.yaml"), build("u3", "three", "True"));
    source.rescan();
    source.rescan();
    assertEquals(List.of("u1", "u2", "u3"), keys(), "the rest read, nothing lost");
    assertEquals(List.of("files"), errors, "reported once");
    Files.delete(sub);
    source.rescan();
    assertEquals(List.of("u1", "u3"), keys(), "readable again: inner.yaml is gone");
  }

  @Test
  void aDeletedDirectoryIsReportedOncePerEpisode() throws IOException {
    Path objects = Files.createDirectories(dir.resolve("objects"));
    Files.writeString(objects.resolve("a.yaml"), build("u1", "one", "True"));
    ManifestFileSource source = new ManifestFileSource(List.of(objects), sink, false, errors::add);
    source.start();
    Files.delete(objects.resolve("a.yaml"));
    Files.delete(objects);
    for (int i = 0; i < 10; i++) {
      source.rescan();
    }
    assertEquals(List.of("files"), errors);
    Files.createDirectories(objects);
    source.rescan();
    Files.delete(objects);
    source.rescan();
    assertEquals(List.of("files", "files"), errors, "a new episode");
  }

  /** An alias chain that doubles at each step: 2^40 values once expanded. */
  @Test
  void aDocumentOfAliasesThatExplodesIsRefused() throws IOException {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x]\n");
    for (int i = 1; i <= 40; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1);
      yaml.append(", *a").append(i - 1).append("]\n");
    }
    Files.writeString(
        dir.resolve("bomb.yaml"),
        "apiVersion: kpack.io/v1alpha2\nkind: Build\nmetadata: {uid: u9, name: b}\nspec:\n"
            + yaml.toString().indent(2));
    Files.writeString(dir.resolve("good.yaml"), build("u1", "one", "True"));
    long start = System.nanoTime();
    source(false).start();
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused at once");
    assertEquals(List.of("u1"), keys());
    assertEquals(List.of("files"), errors);
  }

  /** 4 MB in one string: JSON reads it at once; YAML that long is refused, with the way out. */
  @Test
  void longStringsAreReadAsJsonAndRefusedAsYaml() throws IOException {
    String big = "x".repeat(4 << 20);
    Files.writeString(
        dir.resolve("big.json"),
        "{\"apiVersion\": \"kpack.io/v1alpha2\", \"kind\": \"Build\", \"metadata\": {\"uid\":"
            + " \"u1\", \"name\": \"one\"}, \"spec\": {\"note\": \""
            + big
            + "\"}}\n{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}");
    Files.writeString(
        dir.resolve("big.yaml"),
        "apiVersion: kpack.io/v1alpha2\nkind: Build\nmetadata: {uid: u2, name: two}\n"
            + "spec: {note: "
            + big
            + "}\n");
    Files.writeString(dir.resolve("cut.json"), "{\"apiVersion\": \"v1\", \"kind\": ");
    long start = System.nanoTime();
    source(false).start();
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "read in linear time");
    assertEquals(List.of("u1"), keys());
    assertEquals(
        4 << 20,
        ((String) ((Map<?, ?>) objects.get(new ObjectKey("u1")).get("spec")).get("note")).length());
    assertEquals(List.of("files", "files"), errors);
  }

  @Test
  void followsEditsNewFilesAndDeletions() throws IOException {
    Path a = dir.resolve("a.yaml");
    Files.writeString(a, build("u1", "one", "Unknown") + "---\n" + build("u2", "two", "True"));
    ManifestFileSource source = source(false);
    source.start();
    Files.writeString(a, build("u1", "one", "True") + "  \n");
    Files.writeString(dir.resolve("b.yaml"), build("u3", "three", "False"));
    source.rescan();
    assertEquals("True", status("u1"));
    assertEquals(List.of("u1", "u3"), keys());
    Files.delete(a);
    source.rescan();
    assertEquals(List.of("u3"), keys());
  }

  @Test
  void aBrokenEditKeepsWhatTheFileHadAndIsReported() throws IOException {
    Path a = dir.resolve("a.yaml");
    Files.writeString(a, build("u1", "one", "True"));
    ManifestFileSource source = source(false);
    source.start();
    Files.writeString(a, "apiVersion: [unclosed\n");
    source.rescan();
    assertEquals(List.of("u1"), keys());
    assertEquals(List.of("files"), errors);
  }

  @Test
  void anObjectMovedToAnotherFileStays() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), build("u1", "one", "True"));
    ManifestFileSource source = source(false);
    source.start();
    Files.writeString(dir.resolve("b.yaml"), build("u1", "one", "False"));
    Files.delete(dir.resolve("a.yaml"));
    source.rescan();
    assertEquals(List.of("u1"), keys());
    assertEquals("False", status("u1"));
  }

  @Test
  void skipsObjectsWithoutIdentityAndReportsThem() throws IOException {
    Files.writeString(
        dir.resolve("a.yaml"),
        "kind: Build\nmetadata: {name: x}\n---\n" + build("u1", "one", "True"));
    Files.writeString(dir.resolve("b.yaml"), "- just\n- a list\n");
    ManifestFileSource source = source(false);
    source.start();
    assertEquals(List.of("u1"), keys());
    assertEquals(List.of("files", "files"), errors);
  }

  @Test
  void watchesForChangesIncludingConfigMapSymlinkSwaps() throws Exception {
    // the layout kubelet gives a mounted ConfigMap: objects.yaml -> ..data/objects.yaml, ..data ->
    // ..v1
    Path v1 = Files.createDirectory(dir.resolve("..v1"));
    Files.writeString(v1.resolve("objects.yaml"), build("u1", "one", "Unknown"));
    Files.createSymbolicLink(dir.resolve("..data"), Path.of("..v1"));
    Files.createSymbolicLink(dir.resolve("objects.yaml"), Path.of("..data/objects.yaml"));
    try (ManifestFileSource source = source(true)) {
      source.start();
      assertEquals("Unknown", status("u1"));

      Path v2 = Files.createDirectory(dir.resolve("..v2"));
      Files.writeString(v2.resolve("objects.yaml"), build("u1", "one", "True"));
      Path swap = dir.resolve("..data_tmp");
      Files.createSymbolicLink(swap, Path.of("..v2"));
      Files.move(
          swap,
          dir.resolve("..data"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      awaitTrue(() -> "True".equals(status("u1")));

      Files.writeString(dir.resolve("more.yaml"), build("u2", "two", "False"));
      awaitTrue(() -> objects.containsKey(new ObjectKey("u2")));
      Files.delete(dir.resolve("more.yaml"));
      awaitTrue(() -> !objects.containsKey(new ObjectKey("u2")));
    }
  }

  private List<String> keys() {
    return objects.keySet().stream().map(ObjectKey::value).sorted().toList();
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 15 s");
      }
      Thread.sleep(50);
    }
  }
}

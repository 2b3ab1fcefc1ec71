package io.crexporter.source;

import io.crexporter.config.FileSets;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects read from manifest files and directories. {@link #rescan()} brings the store in line with
 * what the files hold now: changed files are read again, objects of deleted files go. A file that
 * cannot be parsed keeps its previous objects.
 */
public final class ManifestFileSource implements ObjectSource {

  private static final Logger LOG = LoggerFactory.getLogger(ManifestFileSource.class);

  private final List<Path> paths;
  private final ObjectSink sink;
  private final Consumer<String> errors;
  private final Map<Path, LoadedFile> files = new HashMap<>();
  private final DirectoryWatcher watcher;
  private final ScanProblems problems = new ScanProblems(LOG);
  private volatile boolean synced;

  private record LoadedFile(FileFingerprint fingerprint, Set<ObjectKey> keys) {}

  /**
   * @param watch whether to follow changes to the files after the first load
   * @param errors told the source name for every file or object that could not be read
   */
  public ManifestFileSource(
      List<Path> paths, ObjectSink sink, boolean watch, Consumer<String> errors) {
    this.paths = List.copyOf(paths);
    this.sink = sink;
    this.errors = errors;
    this.watcher = watch ? new DirectoryWatcher(this.paths, this::rescan) : null;
  }

  @Override
  public String name() {
    return "files";
  }

  @Override
  public void start() {
    rescan();
    synced = true;
    if (watcher != null) {
      watcher.start();
    }
  }

  @Override
  public boolean hasSynced() {
    return synced;
  }

  /** Files are few and small next to a cluster: a mapping change reads them all again. */
  @Override
  public synchronized void configChanged(CompiledConfig previous, CompiledConfig current) {
    files.replaceAll(
        (file, loaded) -> new LoadedFile(new FileFingerprint(file, -1, -1), loaded.keys()));
    rescan();
  }

  /**
   * Reads every file that changed since the last scan and drops the objects of removed files. A
   * file or directory that cannot be read is skipped and its files keep their objects: it may be
   * readable again, and nothing is lost meanwhile.
   */
  public synchronized void rescan() {
    Set<Path> present = new LinkedHashSet<>();
    List<Path> unreadable = new ArrayList<>();
    for (Path path : paths) {
      try {
        present.addAll(
            FileSets.expand(
                path,
                (skipped, e) -> {
                  unreadable.add(skipped);
                  report(skipped + ": cannot read: " + describe(e));
                }));
      } catch (IOException e) {
        unreadable.add(path);
        report(path + ": cannot read: " + describe(e));
      }
    }
    for (Path gone : new ArrayList<>(files.keySet())) {
      if (!present.contains(gone) && unreadable.stream().noneMatch(gone::startsWith)) {
        LoadedFile removed = files.remove(gone);
        deleteUnowned(removed.keys());
      }
    }
    for (Path file : present) {
      load(file);
    }
    problems.endScan();
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  private void load(Path file) {
    FileFingerprint fingerprint;
    try {
      fingerprint = FileFingerprint.of(file);
    } catch (IOException e) {
      report(file + ": cannot read: " + e.getMessage());
      return;
    }
    LoadedFile previous = files.get(file);
    if (previous != null && previous.fingerprint().equals(fingerprint)) {
      return;
    }
    List<Map<String, Object>> objects;
    try {
      objects = ManifestParser.parse(file);
    } catch (ManifestParser.ManifestException e) {
      report(e.getMessage());
      return;
    }
    Set<ObjectKey> keys = new HashSet<>();
    for (Map<String, Object> object : objects) {
      var key = ObjectKey.of(object);
      if (key.isEmpty()) {
        report(file + ": skipped an object without apiVersion, kind and metadata.name");
        continue;
      }
      keys.add(key.get());
      sink.upsert(key.get(), object);
    }
    files.put(file, new LoadedFile(fingerprint, keys));
    if (previous != null) {
      Set<ObjectKey> dropped = new HashSet<>(previous.keys());
      dropped.removeAll(keys);
      deleteUnowned(dropped);
    }
  }

  /** Deletes keys that no loaded file defines any more. */
  private void deleteUnowned(Set<ObjectKey> keys) {
    for (ObjectKey key : keys) {
      boolean owned = files.values().stream().anyMatch(loaded -> loaded.keys().contains(key));
      if (!owned) {
        sink.delete(key);
      }
    }
  }

  /** Logged and counted once when it starts; {@link ScanProblems} tells when it ends. */
  private void report(String message) {
    if (problems.report(message)) {
      LOG.warn(message);
      errors.accept(name());
    }
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
  }
}

package io.crexporter.app;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.FileSets;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.source.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the mapping files again when they change (including a mounted ConfigMap's symlink swap). A
 * valid new configuration is handed on whole; an invalid one is logged with every problem and the
 * previous one keeps serving.
 */
final class ConfigReloader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

  private final List<Path> paths;
  private final Consumer<CompiledConfig> onValid;
  private final Runnable onInvalid;
  private final DirectoryWatcher watcher;
  private List<String> lastContents;

  ConfigReloader(List<Path> paths, Consumer<CompiledConfig> onValid, Runnable onInvalid) {
    this.paths = List.copyOf(paths);
    this.onValid = onValid;
    this.onInvalid = onInvalid;
    this.watcher = new DirectoryWatcher(this.paths, this::reloadIfChanged);
    this.lastContents = contents();
  }

  void start() {
    watcher.start();
  }

  /** Loads the files again if their text changed since the last load. */
  synchronized void reloadIfChanged() {
    List<String> now = contents();
    if (now.equals(lastContents)) {
      return;
    }
    lastContents = now;
    try {
      CompiledConfig config = ConfigLoader.load(paths);
      LOG.info("configuration reloaded: {} resources", config.resources().size());
      config.warnings().forEach(LOG::warn);
      onValid.accept(config);
    } catch (InvalidConfigException e) {
      LOG.warn("configuration rejected, the previous one keeps serving:");
      e.problems().forEach(problem -> LOG.warn("  {}", problem));
      onInvalid.run();
    }
  }

  /** The text of every mapping file, to tell a real change from a touch or a rescan. */
  private List<String> contents() {
    List<String> contents = new ArrayList<>();
    for (Path path : paths) {
      try {
        for (Path file : FileSets.expand(path)) {
          contents.add(file + "\n" + Files.readString(file));
        }
      } catch (IOException e) {
        contents.add(path + " unreadable: " + e.getMessage());
      }
    }
    return contents;
  }

  @Override
  public void close() {
    watcher.close();
  }
}

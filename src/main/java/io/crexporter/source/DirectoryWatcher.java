package io.crexporter.source;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when anything changes under the watched paths. Events only say that something changed;
 * the callback rescans. A slow periodic rescan also catches what a file system does not report
 * (network mounts, some container runtimes).
 */
public final class DirectoryWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);
  private static final long QUIET_MILLIS = 100;
  private static final long POLL_SECONDS = 10;

  private final List<Path> paths;
  private final Runnable onChange;
  private final Set<Path> registered = new HashSet<>();
  private WatchService service;
  private Thread thread;
  private volatile boolean closed;

  public DirectoryWatcher(List<Path> paths, Runnable onChange) {
    this.paths = paths;
    this.onChange = onChange;
  }

  public void start() {
    try {
      service = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      LOG.warn("cannot watch files, polling every {}s instead: {}", POLL_SECONDS, e.getMessage());
    }
    registerDirectories();
    thread = new Thread(this::run, "manifest-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!closed) {
      try {
        if (awaitChange()) {
          // let a burst of writes settle so that a file is read once, complete
          Thread.sleep(QUIET_MILLIS);
          drain();
        }
        registerDirectories();
        onChange.run();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("rescanning files failed: {}", e.toString());
      }
    }
  }

  private boolean awaitChange() throws InterruptedException {
    if (service == null) {
      Thread.sleep(TimeUnit.SECONDS.toMillis(POLL_SECONDS));
      return false;
    }
    WatchKey key = service.poll(POLL_SECONDS, TimeUnit.SECONDS);
    if (key == null) {
      return false;
    }
    key.pollEvents();
    key.reset();
    return true;
  }

  private void drain() {
    WatchKey key;
    while (service != null && (key = service.poll()) != null) {
      key.pollEvents();
      key.reset();
    }
  }

  private void registerDirectories() {
    if (service == null) {
      return;
    }
    for (Path path : paths) {
      Path root = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
      if (root == null || !Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.isDirectory(path) ? Files.walk(root) : Stream.of(root)) {
        walk.filter(Files::isDirectory).forEach(this::register);
      } catch (IOException | RuntimeException e) {
        LOG.debug("cannot walk {}: {}", root, e.toString());
      }
    }
  }

  private void register(Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    if (registered.contains(absolute)) {
      return;
    }
    try {
      absolute.register(
          service,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      registered.add(absolute);
    } catch (IOException e) {
      LOG.debug("cannot watch {}: {}", absolute, e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
    }
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        LOG.debug("closing the file watcher: {}", e.toString());
      }
    }
  }
}

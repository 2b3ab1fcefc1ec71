package io.crexporter.kube;

import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a sink equal to one collection of the API server: lists it page by page, then watches from
 * the list's version with bookmarks. A watch that expires resumes from the last version seen; one
 * that is too old ({@code 410 Gone}) or fails leads, after a back-off, to a new list, and objects
 * the new list no longer has are deleted. Only object keys are kept, never the objects.
 */
final class Reflector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Reflector.class);

  /** Objects per list page: bounds what one response holds while it is read. */
  static final int PAGE_SIZE = 500;

  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private final ResourceTarget target;
  private final KubeApi api;
  private final ObjectSink sink;
  private final ReflectorMonitor monitor;
  private final Set<ObjectKey> keys = new HashSet<>();
  private final AtomicReference<Call> current = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile boolean synced;
  private volatile boolean relistRequested;
  private volatile KubeApiException lastError;
  private String operation = "list";

  private final int pageSize;

  Reflector(ResourceTarget target, KubeApi api, ObjectSink sink, ReflectorMonitor monitor) {
    this(target, api, sink, monitor, PAGE_SIZE);
  }

  Reflector(
      ResourceTarget target, KubeApi api, ObjectSink sink, ReflectorMonitor monitor, int pageSize) {
    this.pageSize = pageSize;
    this.target = target;
    this.api = api;
    this.sink = sink;
    this.monitor = monitor;
    this.thread = new Thread(this::run, "reflector " + target);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  ResourceTarget target() {
    return target;
  }

  /** True once a first list has completed. */
  boolean hasSynced() {
    return synced;
  }

  /** The error of the last failed attempt, null after a success. */
  KubeApiException lastError() {
    return lastError;
  }

  /** Lists again, keeping the watch's place: objects are mapped anew (after a mapping change). */
  void relist() {
    relistRequested = true;
    cancelCurrentCall();
  }

  private void run() {
    long backoff = 1000;
    while (!stopped) {
      try {
        String version = list();
        backoff = 1000;
        watch(version);
      } catch (KubeApiException e) {
        if (stopped) {
          return;
        }
        if (relistRequested) {
          continue;
        }
        lastError = e;
        monitor.failed(target, operation, e);
        sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      } catch (RuntimeException e) {
        LOG.warn("unexpected failure reading {}: {}", target, e.toString());
        sleep(backoff);
      }
    }
  }

  /** Lists every page; returns the version to watch from. */
  private String list() throws KubeApiException {
    relistRequested = false;
    operation = "list";
    Set<ObjectKey> seen = new HashSet<>();
    String continueToken = "";
    String version;
    do {
      KubeApi.PageInfo page =
          api.listPage(
              target, pageSize, continueToken, object -> upsert(object, seen), current::set);
      version = page.resourceVersion();
      continueToken = page.continueToken();
    } while (!continueToken.isEmpty() && !stopped);
    for (ObjectKey gone : difference(keys, seen)) {
      keys.remove(gone);
      sink.delete(gone);
    }
    lastError = null;
    synced = true;
    monitor.listed(target);
    return version;
  }

  private void watch(String fromVersion) throws KubeApiException {
    String[] version = {fromVersion};
    operation = "watch";
    while (!stopped && !relistRequested) {
      // servers end watches after their timeout; a spread avoids every watch renewing at once
      int timeout = 300 + ThreadLocalRandom.current().nextInt(300);
      try {
        api.watch(target, version[0], timeout, event -> handle(event, version), current::set);
      } catch (KubeApiException e) {
        if (e.code() != KubeApiException.GONE) {
          throw e;
        }
        LOG.debug("watch of {} expired at version {}: listing again", target, version[0]);
        return;
      }
    }
  }

  private void handle(KubeApi.WatchEvent event, String[] version) throws KubeApiException {
    Map<String, Object> object = event.object();
    monitor.event(target, event.type());
    switch (event.type()) {
      case "ADDED", "MODIFIED" -> upsert(object, null);
      case "DELETED" -> ObjectKey.of(withType(object)).ifPresent(this::delete);
      case "BOOKMARK" -> {}
      case "ERROR" -> {
        Object code = object.get("code");
        if (code instanceof Number number && number.intValue() == KubeApiException.GONE) {
          throw new KubeApiException(KubeApiException.GONE, "resource version expired");
        }
        throw new KubeApiException(
            code instanceof Number number ? number.intValue() : 0,
            String.valueOf(object.get("message")));
      }
      default -> LOG.debug("ignored watch event {} on {}", event.type(), target);
    }
    if (object.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("resourceVersion") instanceof String resourceVersion) {
      version[0] = resourceVersion;
    }
  }

  private void upsert(Map<String, Object> object, Set<ObjectKey> seen) {
    Map<String, Object> typed = withType(object);
    ObjectKey.of(typed)
        .ifPresent(
            key -> {
              keys.add(key);
              if (seen != null) {
                seen.add(key);
              }
              sink.upsert(key, typed);
            });
  }

  private void delete(ObjectKey key) {
    keys.remove(key);
    sink.delete(key);
  }

  /** Items of a list may come without apiVersion and kind; the mapping needs both. */
  private Map<String, Object> withType(Map<String, Object> object) {
    object.putIfAbsent("apiVersion", target.apiVersion());
    object.putIfAbsent("kind", target.kind());
    return object;
  }

  private static Set<ObjectKey> difference(Set<ObjectKey> all, Set<ObjectKey> seen) {
    Set<ObjectKey> gone = new HashSet<>(all);
    gone.removeAll(seen);
    return gone;
  }

  private void cancelCurrentCall() {
    Call call = current.get();
    if (call != null) {
      call.cancel();
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  /**
   * Stops reading and deletes from the sink every object this reflector delivered, so that a
   * resource that is no longer watched leaves no series behind.
   */
  @Override
  public void close() {
    stopped = true;
    cancelCurrentCall();
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    keys.forEach(sink::delete);
    keys.clear();
  }
}

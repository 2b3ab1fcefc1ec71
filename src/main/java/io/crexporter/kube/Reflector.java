package io.crexporter.kube;

import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a sink equal to one collection of the API server, as client-go's reflector does: a list,
 * page by page, then a watch from the list's version with bookmarks. A watch that ends, breaks,
 * stalls, or is refused for a while (connection errors, {@code 429}, {@code 5xx}) resumes from the
 * last version seen, after a back-off; only a version the server no longer has ({@code 410 Gone})
 * or a refusal that resuming cannot fix ({@code 401}, {@code 403}, {@code 404}, other {@code 4xx})
 * leads to a new list, and objects the new list lacks are deleted. Every list-and-watch round is
 * paced by the back-off, which starts over only after a healthy period. Only object keys are kept,
 * never the objects. Objects a filter declines (those of other shards) are not delivered, and one
 * delivered before is deleted.
 */
final class Reflector {

  private static final Logger LOG = LoggerFactory.getLogger(Reflector.class);

  /** A watch that ends this soon without an event did not really start (client-go's check). */
  private static final long SHORT_WATCH_NANOS = 1_000_000_000L;

  /** What health and readiness read of a reflector, replaced whole when it changes. */
  record State(boolean synced, KubeApiException lastError) {
    static final State STARTING = new State(false, null);
  }

  private final ResourceTarget target;
  private final KubeApi api;
  private final ObjectFilter filter;
  private final ReflectorMonitor monitor;
  private final KubeSettings settings;
  private final Backoff backoff;
  private final DeliveredKeys delivered;
  private final AtomicReference<Call> current = new AtomicReference<>();
  private final Pause pause = new Pause();
  private final Thread thread;
  private volatile State state = State.STARTING;
  private volatile boolean stopped;
  private volatile boolean relistRequested;
  private volatile String operation = "list";

  Reflector(
      ResourceTarget target,
      KubeApi api,
      ObjectSink sink,
      ReflectorMonitor monitor,
      KubeSettings settings) {
    this(target, api, sink, ObjectFilter.ALL, monitor, settings);
  }

  Reflector(
      ResourceTarget target,
      KubeApi api,
      ObjectSink sink,
      ObjectFilter filter,
      ReflectorMonitor monitor,
      KubeSettings settings) {
    this.target = target;
    this.api = api;
    this.filter = filter;
    this.delivered = new DeliveredKeys(sink);
    this.monitor = monitor;
    this.settings = settings;
    this.backoff = new Backoff(settings);
    this.thread = new Thread(this::run, "reflector " + target);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  ResourceTarget target() {
    return target;
  }

  State state() {
    return state;
  }

  /** Lists again at once, keeping the watch's place: objects are mapped anew (a mapping change). */
  void relist() {
    relistRequested = true;
    cancelCurrentCall();
    pause.wake();
  }

  private void run() {
    while (!stopped) {
      Duration asked = Duration.ZERO;
      try {
        watch(list());
      } catch (KubeApiException e) {
        if (!stopped && !relistRequested) {
          failed(e);
          asked = e.retryAfter();
        }
      } catch (RuntimeException e) {
        // a defect, not the server: still paced, so that it cannot spin
        LOG.warn("unexpected failure reading {}", target, e);
        failed(new KubeApiException("unexpected failure: " + e, e));
      }
      if (!stopped && !relistRequested) {
        // client-go paces every list-and-watch round, also the one after an expired watch
        pause(backoff.next(asked));
      }
    }
  }

  /** Lists every page; returns the version to watch from. */
  private String list() throws KubeApiException {
    relistRequested = false;
    operation = "list";
    String version = settings.listFromWatchCache() ? "0" : "";
    Set<ObjectKey> seen = new HashSet<>();
    KubeApi.PageInfo page =
        listAll(new KubeApi.PageRequest(settings.pageSize(), "", version), seen);
    delivered.removeAllBut(seen);
    // an error stays reported until a watch opens too: a list that works before a watch that is
    // refused does not make the resource healthy
    state = new State(true, state.lastError());
    monitor.listed(target);
    return page.resourceVersion();
  }

  /**
   * Reads every page from {@code request} on, its objects mapped on a thread of their own while the
   * next page is read; returns the last page once every object is delivered and in {@code seen}.
   */
  private KubeApi.PageInfo listAll(KubeApi.PageRequest request, Set<ObjectKey> seen)
      throws KubeApiException {
    ListDelivery delivery = new ListDelivery(target.toString(), object -> upsert(object, seen));
    try {
      while (true) {
        KubeApi.PageInfo page;
        try {
          page = api.listPage(target, request, filter, delivery::accept, this::started);
        } catch (KubeApiException e) {
          if (!e.isExpired() || request.continueToken().isEmpty()) {
            throw e;
          }
          // the list took longer than the server keeps its snapshot: list again, in one
          // response, as client-go's pager does
          LOG.info("continue token of {} expired: listing again without pages", target);
          delivery.finish();
          seen.clear();
          return listAll(new KubeApi.PageRequest(0, "", request.resourceVersion()), seen);
        }
        if (stopped || relistRequested) {
          throw new KubeApiException(0, "list interrupted");
        }
        if (page.continueToken().isEmpty()) {
          return page;
        }
        request =
            new KubeApi.PageRequest(
                settings.pageSize(), page.continueToken(), request.resourceVersion());
      }
    } finally {
      delivery.finish();
    }
  }

  /** Watches until a new list is due: returns on an expired version or a relist request. */
  private void watch(String fromVersion) throws KubeApiException {
    String[] version = {fromVersion};
    operation = "watch";
    while (!stopped && !relistRequested) {
      long started = System.nanoTime();
      int[] events = {0};
      try {
        api.watch(
            target,
            version[0],
            watchTimeoutSeconds(),
            filter,
            handler(version, events),
            this::started);
        if (events[0] == 0 && System.nanoTime() - started < SHORT_WATCH_NANOS) {
          throw new KubeApiException(0, "watch ended within a second without an event");
        }
      } catch (KubeApiException e) {
        if (stopped || relistRequested) {
          return;
        }
        if (e.isExpired()) {
          LOG.debug("watch of {} expired at version {}: listing again", target, version[0]);
          return;
        }
        if (!e.isTransient()) {
          throw e;
        }
        failed(e);
        pause(backoff.next(e.retryAfter()));
      }
    }
  }

  private KubeApi.WatchHandler handler(String[] version, int[] events) {
    return new KubeApi.WatchHandler() {
      @Override
      public void opened() {
        if (state.lastError() != null) {
          state = new State(state.synced(), null);
        }
        monitor.watchOpened(target);
      }

      @Override
      public void event(KubeApi.WatchEvent event) throws KubeApiException {
        handle(event, version);
        events[0]++;
      }
    };
  }

  private void handle(KubeApi.WatchEvent event, String[] version) throws KubeApiException {
    Map<String, Object> object = event.object();
    monitor.event(target, event.type());
    switch (event.type()) {
      case "ADDED", "MODIFIED" -> {
        if (event.whole()) {
          upsert(object, null);
        } else {
          // declined: of another shard now, if it was of this one before the shards changed
          ObjectKey.of(withType(object)).ifPresent(delivered::delete);
        }
      }
      case "DELETED" -> ObjectKey.of(withType(object)).ifPresent(delivered::delete);
      case "BOOKMARK" -> {}
      case "ERROR" -> throw KubeApiException.ofStatus(object);
      default -> LOG.debug("ignored watch event {} on {}", event.type(), target);
    }
    if (object.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("resourceVersion") instanceof String resourceVersion
        && !resourceVersion.isEmpty()) {
      version[0] = resourceVersion;
    }
  }

  private void failed(KubeApiException error) {
    state = new State(state.synced(), error);
    monitor.failed(target, operation, error);
  }

  private long watchTimeoutSeconds() {
    long min = settings.minWatchTimeout().toSeconds();
    return min + ThreadLocalRandom.current().nextLong(Math.max(1, min));
  }

  private void upsert(Map<String, Object> object, Set<ObjectKey> seen) {
    Map<String, Object> typed = withType(object);
    ObjectKey.of(typed).ifPresent(key -> delivered.upsert(key, typed, seen));
  }

  /** Items of a list may come without apiVersion and kind; the mapping needs both. */
  private Map<String, Object> withType(Map<String, Object> object) {
    object.putIfAbsent("apiVersion", target.apiVersion());
    object.putIfAbsent("kind", target.kind());
    return object;
  }

  private void pause(Duration delay) {
    if (!pause.sleep(delay, () -> stopped || relistRequested)) {
      stopped = true;
    }
  }

  /**
   * Records the request about to be sent. A stop or relist that came since the flags were last read
   * cancelled the previous request, not this one: it is cancelled here, or it would run until the
   * server ends it.
   */
  private void started(Call call) {
    current.set(call);
    if (stopped || relistRequested) {
      call.cancel();
    }
  }

  private void cancelCurrentCall() {
    Call call = current.get();
    if (call != null) {
      call.cancel();
    }
  }

  /** Stops reading, without waiting: the open request is cancelled, a pause cut short. */
  void stop() {
    stopped = true;
    cancelCurrentCall();
    pause.wake();
  }

  /** Waits for the reading thread to end after {@link #stop()}; false if it did not in time. */
  boolean awaitStopped(Duration timeout) {
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  /**
   * Deletes from the sink every object this reflector delivered, so that a resource that is no
   * longer read leaves no series behind; nothing is delivered after it, even by a thread that has
   * not ended yet.
   */
  void forgetObjects() {
    delivered.forget();
  }
}

package io.crexporter.kube;

import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespaces whose labels match each {@code namespaceSelector} of the configuration: a watch of
 * namespaces per selector, filtered by the API server, which also reports a namespace whose new
 * labels no longer match as deleted. A change calls back, so that the kinds read in those
 * namespaces follow as namespaces are created, relabelled and deleted.
 */
final class NamespaceSelection {

  private static final Logger LOG = LoggerFactory.getLogger(NamespaceSelection.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final KubeApi api;
  private final KubeSettings settings;
  private final Runnable changed;

  // changed by the control thread only; read by readiness probes too
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();

  /**
   * @param changed called, on a reflector's thread, when the namespaces of a selector change or are
   *     first known
   */
  NamespaceSelection(KubeApi api, KubeSettings settings, Runnable changed) {
    this.api = api;
    this.settings = settings;
    this.changed = changed;
  }

  /** Watches exactly these selectors from now on. Control thread only. */
  void follow(Set<String> selectors) {
    watched
        .entrySet()
        .removeIf(
            entry -> {
              if (selectors.contains(entry.getKey())) {
                return false;
              }
              entry.getValue().reflector.stop();
              entry.getValue().reflector.awaitStopped(STOP_TIMEOUT);
              return true;
            });
    for (String selector : selectors) {
      watched.computeIfAbsent(selector, this::watch);
    }
  }

  /**
   * The namespaces matching {@code selector} now, sorted; empty until its namespaces have been
   * listed once.
   */
  Optional<List<String>> matching(String selector) {
    Watched current = watched.get(selector);
    if (current == null || !current.listed) {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(new TreeSet<>(current.names.values())));
  }

  /** True when every selector's namespaces have been listed once, or failed to be. */
  boolean tried() {
    return watched.values().stream()
        .allMatch(w -> w.listed || w.reflector.state().lastError() != null);
  }

  /**
   * True when every selector's namespaces have been listed once, or cannot be for a reason retrying
   * will not fix, or for the start-up grace period: as for the kinds themselves.
   */
  boolean settled(boolean graceOver) {
    for (Watched w : watched.values()) {
      KubeApiException error = w.reflector.state().lastError();
      if (!w.listed && !(error != null && (error.isPermanent() || graceOver))) {
        return false;
      }
    }
    return true;
  }

  void close() {
    follow(Set.of());
  }

  private Watched watch(String selector) {
    Watched result = new Watched(selector);
    result.reflector.start();
    return result;
  }

  /** The namespaces of one selector, as its reflector delivers them. */
  private final class Watched implements ObjectSink, ReflectorMonitor {
    private final String selector;
    private final Map<ObjectKey, String> names = new ConcurrentHashMap<>();
    private final Reflector reflector;
    private volatile boolean listed;
    private volatile String lastFailure = "";

    Watched(String selector) {
      this.selector = selector;
      ResourceTarget target =
          new ResourceTarget("", "v1", "namespaces", "Namespace", "", selector, "");
      this.reflector = new Reflector(target, api, this, this, settings);
    }

    @Override
    public void upsert(ObjectKey key, Map<String, Object> object) {
      if (object.get("metadata") instanceof Map<?, ?> metadata
          && metadata.get("name") instanceof String name
          && !name.equals(names.put(key, name))
          && listed) {
        changed.run();
      }
    }

    @Override
    public void delete(ObjectKey key) {
      if (names.remove(key) != null && listed) {
        changed.run();
      }
    }

    @Override
    public void listed(ResourceTarget target) {
      lastFailure = "";
      // the first list makes the namespaces known; a later one may have changed them
      listed = true;
      changed.run();
    }

    @Override
    public void event(ResourceTarget target, String type) {}

    @Override
    public void failed(ResourceTarget target, String operation, KubeApiException error) {
      boolean news = !error.getMessage().equals(lastFailure);
      lastFailure = error.getMessage();
      if (news) {
        LOG.warn(
            "cannot {} namespaces with labels {}: {}", operation, selector, error.getMessage());
        if (!listed) {
          // the kinds waiting for these namespaces are planned without them
          changed.run();
        }
      }
    }
  }
}

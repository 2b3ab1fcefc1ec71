package io.crexporter.kube;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.source.ObjectSource;
import io.crexporter.store.ObjectSink;
import io.kubernetes.client.openapi.ApiClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects of every mapped kind, read from the API server. A watch on CRDs tells which kinds are
 * served and where; each resolved endpoint gets its own {@link Reflector}. Kinds come and go with
 * their CRDs and with configuration changes; a kind that cannot be read is reported, and the others
 * are not affected.
 */
public final class KubernetesSource implements ObjectSource {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSource.class);

  private final KubeApi api;
  private final Supplier<CompiledConfig> config;
  private final ObjectSink sink;
  private final ReflectorLog monitor;
  private final CrdCatalog catalog = new CrdCatalog(this::reconcile);
  private final Reflector crdReflector;
  private final Map<ResourceTarget, Reflector> running = new HashMap<>();
  private volatile ReadPlan plan = ReadPlan.EMPTY;
  private volatile boolean catalogSettled;
  private volatile boolean catalogUsable;
  private volatile boolean closed;

  public KubernetesSource(
      ApiClient client,
      Supplier<CompiledConfig> config,
      ObjectSink sink,
      KubeSourceMetrics metrics) {
    this.api = new KubeApi(client);
    this.config = config;
    this.sink = sink;
    this.monitor = new ReflectorLog(metrics);
    this.crdReflector = new Reflector(CrdCatalog.CRDS, api, catalog, new CatalogMonitor());
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public void start() {
    crdReflector.start();
  }

  /**
   * Ready once CRDs have been listed (or found unlistable) and every endpoint has been listed once
   * or has failed for a reason retrying will not fix. Kinds that cannot be read do not hold
   * readiness back: they are reported by {@code custom_resource_exporter_resource_up 0}.
   */
  @Override
  public boolean hasSynced() {
    if (!catalogSettled) {
      return false;
    }
    synchronized (this) {
      for (Reflector reflector : running.values()) {
        KubeApiException error = reflector.lastError();
        if (!reflector.hasSynced() && (error == null || !error.isPermanent())) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Applies a new configuration: new kinds start, removed ones stop, and those whose objects are
   * mapped differently list again.
   */
  @Override
  public synchronized void configChanged(CompiledConfig previous, CompiledConfig current) {
    Set<ResourceTarget> before = new HashSet<>(running.keySet());
    reconcile();
    running.forEach(
        (target, reflector) -> {
          // new reflectors list anyway; running ones list again only if their mappings changed
          if (before.contains(target)
              && !sameMappings(
                  previous.mappingsFor(target.apiVersion(), target.kind()),
                  current.mappingsFor(target.apiVersion(), target.kind()))) {
            reflector.relist();
          }
        });
  }

  /** Health of every mapped kind, for self-metrics. */
  public List<KindHealth> health() {
    List<KindHealth> health = new ArrayList<>();
    ReadPlan current = plan;
    synchronized (this) {
      for (ReadPlan.PlannedKind state : current.kinds().values()) {
        ResourceId id = state.id();
        boolean up = state.resolution() instanceof Resolution.Watch;
        double lastSync = 0;
        for (Reflector reflector : running.values()) {
          ResourceTarget target = reflector.target();
          if (target.group().equals(id.group()) && target.kind().equals(id.kind())) {
            up &= reflector.hasSynced() && reflector.lastError() == null;
            lastSync = Math.max(lastSync, monitor.lastSync(target));
          }
        }
        health.add(
            new KindHealth(id.group(), state.resolution().version(), id.kind(), up, lastSync));
      }
    }
    return health;
  }

  /**
   * Brings the running reflectors in line with the configuration and the installed CRDs. Readers
   * that are no longer wanted stop first, deleting their objects, so that a kind read at a new
   * version does not have its objects deleted after they were read again.
   */
  synchronized void reconcile() {
    if (!catalogSettled || closed) {
      return;
    }
    Optional<CrdCatalog> crds = catalogUsable ? Optional.of(catalog) : Optional.empty();
    ReadPlan previous = plan;
    ReadPlan next = ReadPlan.of(config.get(), crds);
    next.kinds()
        .forEach(
            (kind, planned) -> {
              ReadPlan.PlannedKind before = previous.kinds().get(kind);
              reportChange(before == null ? null : before.resolution(), planned.resolution());
            });
    next.idle()
        .forEach(
            (wildcard, reason) -> {
              if (!reason.equals(previous.idle().get(wildcard))) {
                LOG.warn("{}", reason);
              }
            });
    plan = next;
    Set<ResourceTarget> desired = next.targets();
    running.keySet().removeIf(target -> stopUnless(desired.contains(target), target));
    for (ResourceTarget target : desired) {
      running.computeIfAbsent(target, this::startReflector);
    }
  }

  private boolean stopUnless(boolean wanted, ResourceTarget target) {
    if (!wanted) {
      LOG.info("no longer reading {}", target);
      running.get(target).close();
    }
    return !wanted;
  }

  private Reflector startReflector(ResourceTarget target) {
    LOG.info("reading {}", target);
    Reflector reflector = new Reflector(target, api, sink, monitor);
    reflector.start();
    return reflector;
  }

  private static void reportChange(Resolution previous, Resolution now) {
    if (now instanceof Resolution.Unavailable unavailable && !now.equals(previous)) {
      LOG.warn("{}; waiting for it", unavailable.reason());
    }
  }

  private static boolean sameMappings(List<ResourceMapping> before, List<ResourceMapping> after) {
    if (before.size() != after.size()) {
      return false;
    }
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).sameAs(after.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized void close() {
    closed = true;
    crdReflector.close();
    running.values().forEach(Reflector::close);
    running.clear();
  }

  /** CRDs listed: kinds can be resolved. CRDs forbidden: resolve without them. */
  private final class CatalogMonitor implements ReflectorMonitor {
    @Override
    public void listed(ResourceTarget target) {
      catalogUsable = true;
      catalogSettled = true;
      reconcile();
    }

    @Override
    public void event(ResourceTarget target, String type) {}

    @Override
    public void failed(ResourceTarget target, String operation, KubeApiException error) {
      if (error.isPermanent() && !catalogSettled) {
        LOG.warn(
            "cannot list CustomResourceDefinitions ({}): kinds are read at the version their"
                + " mapping names, and CRDs added later are not noticed",
            error.getMessage());
        catalogUsable = false;
        catalogSettled = true;
        reconcile();
      } else if (!error.isPermanent()) {
        LOG.warn("cannot {} CustomResourceDefinitions: {}", operation, error.getMessage());
      }
    }
  }
}

package io.crexporter.kube;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.source.ObjectSource;
import io.crexporter.store.ObjectSink;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects of every mapped kind, read from the API server. A watch on CRDs and the discovery
 * documents tell which kinds are served and where; each resolved endpoint gets its own {@link
 * Reflector}. Kinds come and go with their CRDs and with configuration changes; a kind that cannot
 * be read is reported, and the others are not affected.
 *
 * <p>All changes to what is read happen on one control thread, in order; scrapes and probes read an
 * immutable {@link View} published after each change, and never wait for it.
 *
 * <p>A shard reads only its objects; nothing is read until its shard is known, and when the number
 * of shards changes every kind is listed again, which drops the objects now of other shards.
 */
public final class KubernetesSource implements ObjectSource {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSource.class);

  /** How soon a kind that cannot be read is resolved again, and discovery read again for it. */
  private static final Duration RESOLVE_AGAIN = Duration.ofSeconds(30);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final KubeApi api;
  private final KubeSettings settings;
  private final Supplier<CompiledConfig> config;
  private final ObjectSink sink;
  private final ReflectorLog monitor;
  private final CrdCatalog catalog = new CrdCatalog(this::crdsChanged);
  private final CatalogState catalogState;
  private final ApiDiscovery discovery;
  private final Reflector crdReflector;
  private final ShardAssignment shards;
  private final NamespaceSelection namespaces;
  private final ScheduledExecutorService control =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "kubernetes-control");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean reconcilePending = new AtomicBoolean();
  private final long startedNanos = System.nanoTime();

  // touched by the control thread only
  private final Map<ResourceTarget, Reflector> running = new LinkedHashMap<>();
  private ApiDiscovery.Snapshot discovered = ApiDiscovery.Snapshot.NONE;
  private ScheduledFuture<?> resolveAgain;

  private volatile View view = View.UNPLANNED;
  private volatile boolean ready;
  private volatile boolean closed;

  /**
   * What is read now, for scrapes and probes.
   *
   * @param planned false until the first plan was made
   */
  private record View(ReadPlan plan, List<Reflector> reflectors, boolean planned) {
    static final View UNPLANNED = new View(ReadPlan.EMPTY, List.of(), false);

    View {
      reflectors = List.copyOf(reflectors);
    }
  }

  public KubernetesSource(
      ApiClient client,
      KubeSettings settings,
      Sharding sharding,
      Supplier<CompiledConfig> config,
      ObjectSink sink,
      KubeSourceMetrics metrics) {
    this.api = new KubeApi(client, settings);
    this.settings = settings;
    this.config = config;
    this.sink = sink;
    this.monitor = new ReflectorLog(metrics);
    this.discovery = new ApiDiscovery(api);
    this.catalogState =
        new CatalogState(
            () -> elapsed().compareTo(settings.startupGrace()) > 0, this::requestReconcile);
    this.crdReflector = new Reflector(CrdCatalog.CRDS, api, catalog, catalogState, settings);
    this.shards = new ShardAssignment(sharding, api, settings, shard -> submit(this::reshard));
    this.namespaces = new NamespaceSelection(api, settings, this::requestReconcile);
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public void start() {
    shards.start();
    crdReflector.start();
  }

  /** This replica's shard, once known. */
  public Optional<Shard> shard() {
    return shards.current();
  }

  /**
   * Ready once CRDs have been listed (or found unlistable) and every kind has been listed once, has
   * failed for a reason retrying will not fix, or has kept failing for the start-up grace period.
   * Then ready for good: kinds added later, by a new CRD or a configuration change, and trouble
   * later on show in self-metrics ({@code custom_resource_exporter_resource_up}), not as an unready
   * pod whose every series its Service would drop.
   */
  @Override
  public boolean hasSynced() {
    if (ready) {
      return true;
    }
    View current = view;
    boolean graceOver = elapsed().compareTo(settings.startupGrace()) > 0;
    if (!catalogState.settled() || !current.planned() || !namespaces.settled(graceOver)) {
      return false;
    }
    for (Reflector reflector : current.reflectors()) {
      Reflector.State state = reflector.state();
      KubeApiException error = state.lastError();
      boolean givenUp = error != null && (error.isPermanent() || graceOver);
      if (!state.synced() && !givenUp) {
        return false;
      }
    }
    ready = true;
    return true;
  }

  /**
   * Applies a new configuration: new kinds start, removed ones stop, and those whose objects are
   * mapped differently list again.
   */
  @Override
  public void configChanged(CompiledConfig previous, CompiledConfig current) {
    submit(
        () -> {
          Set<ResourceTarget> before = Set.copyOf(running.keySet());
          reconcile();
          running.forEach(
              (target, reflector) -> {
                // new reflectors list anyway; running ones list again only if their mappings
                // changed
                if (before.contains(target)
                    && !ResourceMapping.sameAll(
                        previous.mappingsFor(target.apiVersion(), target.kind()),
                        current.mappingsFor(target.apiVersion(), target.kind()))) {
                  reflector.relist();
                }
              });
        });
  }

  /** Health of every mapped kind, for self-metrics; reads the published view, never waits. */
  public List<KindHealth> health() {
    View current = view;
    return KindHealth.of(current.plan(), current.reflectors(), monitor);
  }

  /** The shard is known, or changed: every running kind lists again, keeping only its objects. */
  private void reshard() {
    running.values().forEach(Reflector::relist);
    reconcile();
  }

  private void crdsChanged() {
    if (catalogState.settled()) {
      requestReconcile();
    }
  }

  /** Asks for a reconcile on the control thread; many requests before it runs make one. */
  private void requestReconcile() {
    if (reconcilePending.compareAndSet(false, true)) {
      submit(
          () -> {
            reconcilePending.set(false);
            reconcile();
          });
    }
  }

  private void submit(Runnable task) {
    if (closed) {
      return;
    }
    try {
      control.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.error("could not apply a change to what is read from the API server", e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  /**
   * Brings the running reflectors in line with the configuration, what the server serves and the
   * shard. Readers that are no longer wanted stop and delete their objects first, so that a kind
   * read at a new version does not have its objects deleted after they were read again. Control
   * thread only.
   */
  private void reconcile() {
    if (!catalogState.settled() || closed || shards.current().isEmpty()) {
      return;
    }
    Optional<CrdCatalog> crds = catalogState.usable() ? Optional.of(catalog) : Optional.empty();
    CompiledConfig current = config.get();
    Set<String> groups = ReadPlan.discoveryGroups(current, crds);
    if (!groups.isEmpty()
        && (!discovered.covers(groups)
            || System.nanoTime() - discovered.takenAtNanos() > RESOLVE_AGAIN.toNanos())) {
      discovered = discovery.read(groups);
    }
    namespaces.follow(ReadPlan.namespaceSelectors(current));
    if (!namespaces.tried()) {
      // planned once they are listed (or fail to be), which asks for a reconcile
      return;
    }
    ReadPlan previous = view.plan();
    ReadPlan next = ReadPlan.of(current, crds, discovered, namespaces::matching);
    ReadPlanLog.changes(previous, next);
    Set<ResourceTarget> desired = next.targets();
    List<Reflector> leaving = new ArrayList<>();
    running
        .entrySet()
        .removeIf(
            entry -> {
              boolean unwanted = !desired.contains(entry.getKey());
              if (unwanted) {
                leaving.add(entry.getValue());
              }
              return unwanted;
            });
    // scrapes stop reading the leaving reflectors; the new plan is published only once its
    // reflectors run, so that readiness never sees a plan without them
    View before = view;
    view = new View(before.plan(), running.values().stream().toList(), before.planned());
    stopAndForget(leaving);
    for (ResourceTarget target : desired) {
      running.computeIfAbsent(target, this::startReflector);
    }
    view = new View(next, running.values().stream().toList(), true);
    if (next.waiting()) {
      scheduleResolveAgain();
    }
  }

  private void stopAndForget(List<Reflector> leaving) {
    leaving.forEach(Reflector::stop);
    for (Reflector reflector : leaving) {
      LOG.info("no longer reading {}", reflector.target());
      if (!reflector.awaitStopped(STOP_TIMEOUT)) {
        LOG.warn("reader of {} did not stop within {}", reflector.target(), STOP_TIMEOUT);
      }
      reflector.forgetObjects();
      monitor.forget(reflector.target());
    }
  }

  private void scheduleResolveAgain() {
    if (resolveAgain == null || resolveAgain.isDone()) {
      resolveAgain =
          control.schedule(this::requestReconcile, RESOLVE_AGAIN.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private Reflector startReflector(ResourceTarget target) {
    LOG.info("reading {}", target);
    Reflector reflector = new Reflector(target, api, sink, shards, monitor, settings);
    reflector.start();
    return reflector;
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /**
   * Stops every watch and list, without deleting what they delivered: on shutdown the series stay
   * served until the HTTP server closes.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    crdReflector.stop();
    shards.close();
    try {
      control
          .submit(
              () -> {
                closed = true;
                namespaces.close();
                running.values().forEach(Reflector::stop);
                running.values().forEach(reflector -> reflector.awaitStopped(STOP_TIMEOUT));
              })
          .get(STOP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warn("readers did not all stop in time: {}", e.toString());
    } finally {
      closed = true;
      control.shutdownNow();
      crdReflector.awaitStopped(STOP_TIMEOUT);
    }
  }
}

package io.crexporter.kube;

import io.crexporter.app.Exporter;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.Pair;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * Start-up of the exporter against the local API server holding many kpack Builds, with a
 * breakdown: the same list read through the exporter's own request path first with its bodies
 * discarded unread (what the API server costs), then decoded into maps and dropped (what decoding
 * adds), then the exporter from start to ready (what mapping and storing add). Each stage runs
 * {@code BENCH_ROUNDS} times in alternation after a warm-up and the medians are reported. With
 * {@code BENCH_PIN=1} the rounds run again with this JVM on core 0 and the API server and etcd on
 * core 1. Run with {@code bench/kube-startup.sh [OBJECTS [PAD_KB]]}; not a test.
 */
public final class KubeStartupBenchmark {

  /** The requirement: the exporter's own share of the start-up, beyond the API server's. */
  private static final double MAX_OWN_SHARE = 0.25;

  private static final ResourceTarget BUILDS =
      new ResourceTarget("kpack.io", "v1alpha2", "builds", "Build", "", "", "");
  private static final String CONTINUE = "\"continue\":\"";
  private static final int PAGE = KubeSettings.DEFAULTS.pageSize();
  private static final Duration QUIET_WAIT = Duration.ofMinutes(3);

  /** One run of a stage: wall time, and CPU seconds of this JVM, the API server, etcd, others. */
  record Run(double seconds, double[] cpu, long heap) {}

  private final LocalKubeApiServer api;
  private final ProcessCpu cpu;
  private final int objects;
  private final ApiRequests requests;
  private final KubeApi kube;
  private final AtomicLong wire = new AtomicLong();
  private long bodyBytes;
  private long wireBytes;

  private KubeStartupBenchmark(LocalKubeApiServer api, ProcessCpu cpu, int objects)
      throws Exception {
    this.api = api;
    this.cpu = cpu;
    this.objects = objects;
    // connected as the exporter connects, plus a count of the bytes received (compressed or not)
    ApiClient client = KubeClients.create(api.kubeconfig());
    EventListener counter =
        new EventListener() {
          @Override
          public void responseBodyEnd(Call call, long byteCount) {
            wire.addAndGet(byteCount);
          }
        };
    client.setHttpClient(client.getHttpClient().newBuilder().eventListener(counter).build());
    this.requests = new ApiRequests(client, KubeSettings.DEFAULTS);
    this.kube = new KubeApi(client, KubeSettings.DEFAULTS);
  }

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int padKilobytes = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "3"));
    Path dir = Files.createTempDirectory("kube-startup");
    try (LocalKubeApiServer api = LocalKubeApiServer.start(dir.resolve("kube"), Map.of())) {
      ProcessCpu cpu = new ProcessCpu(dir.resolve("kube/run"));
      BulkCreator.kpackBuilds(api, cpu, objects, padKilobytes);
      KubeStartupBenchmark bench = new KubeStartupBenchmark(api, cpu, objects);
      bench.measure("cores shared", rounds, padKilobytes);
      if ("1".equals(System.getenv("BENCH_PIN"))) {
        cpu.pin("0", "1");
        bench.measure("this JVM on core 0, API server and etcd on core 1", rounds, padKilobytes);
      }
    }
  }

  private void measure(String label, int rounds, int padKilobytes) throws Exception {
    System.out.printf(Locale.ROOT, "== %s: warm-up, then %d rounds%n", label, rounds);
    listRaw();
    listDecoded();
    List<Run> raw = new ArrayList<>();
    List<Run> decoded = new ArrayList<>();
    List<Run> total = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Run ra = quietly(this::listRaw);
      Run rb = quietly(this::listDecoded);
      Run rc = quietly(() -> startUp(padKilobytes));
      raw.add(ra);
      decoded.add(rb);
      total.add(rc);
      System.out.printf(
          Locale.ROOT,
          "round %d: api_server_s=%.2f decode_s=%.2f total_s=%.2f cpu_s=[%s] [%s] [%s]%n",
          round,
          ra.seconds(),
          rb.seconds(),
          rc.seconds(),
          ProcessCpu.format(ra.cpu()),
          ProcessCpu.format(rb.cpu()),
          ProcessCpu.format(rc.cpu()));
    }
    Run a = median(raw);
    Run b = median(decoded);
    Run c = median(total);
    System.out.printf(
        Locale.ROOT,
        "breakdown (%s), median of %d rounds, %d objects, %.1f MiB listed (%.1f MiB on the wire)"
            + " in %d pages of %d, heap retained %.1f MiB:%n",
        label,
        rounds,
        objects,
        bodyBytes / 1048576.0,
        wireBytes / 1048576.0,
        (objects + PAGE - 1) / PAGE,
        PAGE,
        c.heap() / 1048576.0);
    System.out.println(
        "  stage                               s   share  objects/s"
            + "   cpu s: this JVM / API server / etcd / rest of machine");
    row("API server (a)", a, null, c);
    row("decode (b - a)", b, a, c);
    row("mapping and storing (c - b)", c, b, c);
    row("total (c)", c, null, c);
    double own = (c.seconds() - a.seconds()) / c.seconds();
    System.out.printf(
        Locale.ROOT,
        "exporter's own share (c - a) / c = %.1f %% (requirement <= %.0f %%): %s%n",
        own * 100,
        MAX_OWN_SHARE * 100,
        own <= MAX_OWN_SHARE ? "PASS" : "FAIL");
  }

  /** Runs a stage once the rest of the machine is idle: other benchmarks may share it. */
  private Run quietly(Callable<Run> stage) throws Exception {
    if (!cpu.awaitQuiet(QUIET_WAIT)) {
      System.out.println("machine still busy after " + QUIET_WAIT + ": measuring anyway");
    }
    return stage.call();
  }

  private void row(String stage, Run run, Run minus, Run total) {
    double seconds = run.seconds() - (minus == null ? 0 : minus.seconds());
    double[] cpuSeconds = run.cpu().clone();
    for (int i = 0; minus != null && i < cpuSeconds.length; i++) {
      cpuSeconds[i] -= minus.cpu()[i];
    }
    System.out.printf(
        Locale.ROOT,
        "  %-28s %8.2f %6.1f%% %10.0f   %s%n",
        stage,
        seconds,
        100 * seconds / total.seconds(),
        objects / seconds,
        ProcessCpu.format(cpuSeconds));
  }

  /**
   * Stage a: every page as the exporter requests it (limit, continue token, quorum read), each body
   * read whole and thrown away unparsed; the continue token is found by a text search in the body's
   * tail, where the API server writes the list's metadata (keys in alphabetical order).
   */
  private Run listRaw() throws Exception {
    wire.set(0);
    ProcessCpu.Mark mark = cpu.mark();
    long start = System.nanoTime();
    long bytes = 0;
    int pages = 0;
    String token = "";
    do {
      List<Pair> query = new ArrayList<>(List.of(new Pair("limit", Integer.toString(PAGE))));
      if (!token.isEmpty()) {
        query.add(new Pair("continue", token));
      }
      byte[] body;
      try (Response response = requests.list(BUILDS.path(), query, true, call -> {})) {
        body = response.body().bytes();
      }
      bytes += body.length;
      pages++;
      token = continueToken(body);
    } while (!token.isEmpty());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (pages != (objects + PAGE - 1) / PAGE) {
      throw new IllegalStateException(pages + " pages for " + objects + " objects");
    }
    bodyBytes = bytes;
    wireBytes = wire.get();
    return new Run(seconds, mark.since(), 0);
  }

  private static String continueToken(byte[] body) {
    int from = Math.max(0, body.length - 65536);
    String tail = new String(body, from, body.length - from, StandardCharsets.ISO_8859_1);
    int at = tail.lastIndexOf(CONTINUE) + CONTINUE.length();
    return at < CONTINUE.length() ? "" : tail.substring(at, tail.indexOf('"', at));
  }

  /** Stage b: the same pages decoded into maps by the exporter's reader, each object dropped. */
  private Run listDecoded() throws Exception {
    ProcessCpu.Mark mark = cpu.mark();
    long start = System.nanoTime();
    long[] items = {0};
    String token = "";
    do {
      KubeApi.PageRequest request = new KubeApi.PageRequest(PAGE, token, "");
      token =
          kube.listPage(BUILDS, request, ObjectFilter.ALL, object -> items[0]++, call -> {})
              .continueToken();
    } while (!token.isEmpty());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (items[0] != objects) {
      throw new IllegalStateException(items[0] + " objects decoded of " + objects);
    }
    return new Run(seconds, mark.since(), 0);
  }

  /** Stage c: the exporter from start to ready, with the heap it retains once ready. */
  private Run startUp(int padKilobytes) throws Exception {
    long baseline = usedHeapAfterGc();
    ProcessCpu.Mark mark = cpu.mark();
    long start = System.nanoTime();
    try (Exporter exporter =
        Exporter.create(
            new Exporter.Options(
                List.of(Path.of("config/kpack.yaml")),
                List.of(),
                false,
                true,
                false,
                true,
                api.kubeconfig()))) {
      exporter.start();
      // ready and every object stored: KubernetesSource.reconcile publishes a planned view before
      // it starts the reflectors, and a readiness check in between finds no kind left to wait for
      int early = -1;
      while (!exporter.notReady().isEmpty() || exporter.store().objects() < objects) {
        early = early < 0 && exporter.notReady().isEmpty() ? exporter.store().objects() : early;
        Thread.sleep(20);
      }
      double readySeconds = (System.nanoTime() - start) / 1e9;
      double[] used = mark.since();
      long stored = exporter.store().objects();
      long series =
          exporter.store().columns().stream()
              .mapToLong(io.crexporter.store.FamilyColumn::series)
              .sum();
      if (early >= 0) {
        System.out.printf("exporter said ready with %d of %d objects stored%n", early, objects);
      }
      long heap = usedHeapAfterGc() - baseline;
      System.out.printf(
          Locale.ROOT,
          "objects=%d pad_kb=%d ready_s=%.2f stored=%d series=%d heap_mib=%.1f"
              + " bytes_per_object=%.0f%n",
          objects,
          padKilobytes,
          readySeconds,
          stored,
          series,
          heap / 1048576.0,
          (double) heap / objects);
      return new Run(readySeconds, used, heap);
    } finally {
      usedHeapAfterGc();
    }
  }

  /** The median of each figure on its own. */
  private static Run median(List<Run> runs) {
    double[] cpu =
        IntStream.range(0, runs.get(0).cpu().length)
            .mapToDouble(i -> median(runs, run -> run.cpu()[i]))
            .toArray();
    return new Run(median(runs, Run::seconds), cpu, (long) median(runs, Run::heap));
  }

  private static double median(List<Run> runs, ToDoubleFunction<Run> figure) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

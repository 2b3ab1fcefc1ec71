package io.crexporter.cli;

import io.crexporter.app.Exporter;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.http.MetricsServer;
import io.crexporter.kube.KubeClients;
import io.crexporter.kube.KubeSettings;
import io.crexporter.kube.Sharding;
import io.crexporter.kube.TokenReviewAccess;
import io.crexporter.store.SeriesLimits;
import io.crexporter.web.MetricsAccess;
import io.crexporter.web.WebSecurity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serves the metrics over HTTP until stopped, reading objects from the cluster, or from"
            + " files with --objects or --demo.")
final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  /** How often the web configuration file and its certificates are checked for changes. */
  private static final long WEB_CONFIG_CHECK_SECONDS = 5;

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--objects"},
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Manifest file or directory to read objects from, watched for changes; repeatable.")
  List<Path> objects = new ArrayList<>();

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--address",
      defaultValue = "0.0.0.0",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String address;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description =
          "Kubeconfig for the cluster to read. Default: the pod's service account in a cluster,"
              + " else KUBECONFIG, else ~/.kube/config. Not used with --objects or --demo.")
  Path kubeconfig;

  @Option(
      names = "--use-apiserver-cache",
      description =
          "List from the API server's watch cache (resourceVersion=0) instead of reading etcd:"
              + " cheaper for the API server, possibly slightly stale, and not paginated.")
  boolean useApiserverCache;

  @Mixin DemoOption demo;

  @Option(
      names = "--web-config-file",
      paramLabel = "PATH",
      description =
          "TLS and basic authentication of the HTTP server, in the format of Prometheus'"
              + " exporter-toolkit (tls_server_config, basic_auth_users); re-read when it or its"
              + " certificates change.")
  Path webConfigFile;

  @Option(
      names = "--kubernetes-authorization",
      description =
          "Let only requests whose bearer token the cluster allows 'get' on the non-resource URL"
              + " /metrics read it (TokenReview and SubjectAccessReview, as kube-rbac-proxy)."
              + " /healthz and /readyz stay open.")
  boolean kubernetesAuthorization;

  @Mixin ShardingOptions sharding;

  @Option(
      names = "--max-series",
      paramLabel = "N",
      description = "The most series kept in all (default: ${DEFAULT-VALUE}).")
  long maxSeries = SeriesLimits.DEFAULT_TOTAL;

  @Option(
      names = "--max-series-per-metric",
      paramLabel = "N",
      description =
          "The most series kept of one metric, unless its mapping sets maxSeries (default:"
              + " ${DEFAULT-VALUE}).")
  int maxSeriesPerMetric = SeriesLimits.DEFAULT_PER_METRIC;

  @Option(
      names = "--max-label-value-length",
      paramLabel = "N",
      description =
          "Series with a label value longer than this many characters are left out (default:"
              + " ${DEFAULT-VALUE}).")
  int maxLabelValueLength = SeriesLimits.DEFAULT_LABEL_VALUE_LENGTH;

  @Override
  public Integer call() throws Exception {
    Path bundle = demo.bundleIfAsked();
    List<Path> configPaths =
        ConfigOption.orDemo(config.paths, bundle, DemoFiles.configPaths(bundle), spec, "--config");
    List<Path> objectPaths = objects.isEmpty() ? DemoFiles.objectPaths(bundle) : objects;
    ConfigOption.requireExisting(configPaths, "mapping file");
    ConfigOption.requireExisting(objectPaths, "objects path");
    // without object files, objects come from the cluster
    boolean kubernetes = objectPaths.isEmpty();
    if (kubeconfig != null) {
      ConfigOption.requireExisting(List.of(kubeconfig), "kubeconfig");
    }
    Sharding shards = sharding.sharding(spec, kubernetes);
    Exporter exporter;
    try {
      exporter =
          Exporter.create(
              new Exporter.Options(
                  configPaths,
                  objectPaths,
                  true,
                  true,
                  true,
                  kubernetes,
                  kubeconfig,
                  KubeSettings.DEFAULTS.withListFromWatchCache(useApiserverCache),
                  shards,
                  limits()));
    } catch (InvalidConfigException e) {
      ConfigErrors.print(spec.commandLine().getErr(), e);
      return 1;
    }
    WebSecurity security;
    try {
      security = webConfigFile == null ? WebSecurity.plain() : WebSecurity.load(webConfigFile);
    } catch (InvalidConfigException e) {
      exporter.close();
      ConfigErrors.print(spec.commandLine().getErr(), e);
      return 1;
    }
    if (kubernetesAuthorization && !security.config().users().isEmpty()) {
      exporter.close();
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--kubernetes-authorization and basic_auth_users of --web-config-file: not both");
    }
    MetricsAccess access =
        kubernetesAuthorization
            ? new TokenReviewAccess(KubeClients.create(kubeconfig))
            : security.basicAuth();
    OrderedShutdown shutdown = OrderedShutdown.install();
    try (security) {
      security.watch(WEB_CONFIG_CHECK_SECONDS);
      serve(exporter, shutdown, security, access);
    } finally {
      shutdown.completed();
    }
    return 0;
  }

  private SeriesLimits limits() {
    if (maxSeries < 1 || maxSeriesPerMetric < 1 || maxLabelValueLength < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--max-series, --max-series-per-metric and --max-label-value-length must be above 0");
    }
    return new SeriesLimits(maxSeriesPerMetric, maxSeries, maxLabelValueLength, java.util.Map.of());
  }

  /**
   * Serves until the JVM is asked to stop (SIGTERM), then stops in order: watches and file watchers
   * first, while scrapes still see every series, then the HTTP server.
   */
  private void serve(
      Exporter exporter, OrderedShutdown shutdown, WebSecurity security, MetricsAccess access)
      throws IOException, InterruptedException {
    MetricsServer server;
    try {
      server =
          MetricsServer.start(
              address,
              port,
              exporter.exposition(),
              exporter::notReady,
              exporter::scraped,
              security,
              access);
    } catch (IOException e) {
      exporter.close();
      throw new IOException("cannot listen on " + address + ":" + port + ": " + e.getMessage(), e);
    }
    LOG.info(
        "serving metrics on {}://{}:{}/metrics",
        security.httpsConfigurator().isPresent() ? "https" : "http",
        address,
        server.port());
    try {
      exporter.start();
      shutdown.awaitSignal();
      LOG.info("stopping: watches first, then the HTTP server");
    } finally {
      exporter.close();
      LOG.info("watches stopped; the HTTP server closes");
      server.close();
      LOG.info("HTTP server closed");
    }
  }
}

package io.crexporter.cli;

import io.crexporter.app.Exporter;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.http.MetricsServer;
import io.crexporter.kube.KubeSettings;
import io.crexporter.kube.Sharding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  @Mixin ShardingOptions sharding;

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
                  shards));
    } catch (InvalidConfigException e) {
      ConfigErrors.print(spec.commandLine().getErr(), e);
      return 1;
    }
    OrderedShutdown shutdown = OrderedShutdown.install();
    try {
      serve(exporter, shutdown);
    } finally {
      shutdown.completed();
    }
    return 0;
  }

  /**
   * Serves until the JVM is asked to stop (SIGTERM), then stops in order: watches and file watchers
   * first, while scrapes still see every series, then the HTTP server.
   */
  private void serve(Exporter exporter, OrderedShutdown shutdown)
      throws IOException, InterruptedException {
    MetricsServer server;
    try {
      server =
          MetricsServer.start(
              address, port, exporter.exposition(), exporter::notReady, exporter::scraped);
    } catch (IOException e) {
      exporter.close();
      throw e;
    }
    LOG.info("serving metrics on http://{}:{}/metrics", address, server.port());
    try {
      exporter.start();
      shutdown.awaitSignal();
      LOG.info("stopping: watches first, then the HTTP server");
    } finally {
      exporter.close();
      server.close();
    }
  }
}

package io.crexporter.cli;

import io.crexporter.kube.Shard;
import io.crexporter.kube.Sharding;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Which objects of the cluster this replica reads: all, a shard given, or its pod's shard. */
final class ShardingOptions {

  @Option(
      names = "--shard",
      paramLabel = "N",
      description = "Read only shard N (from 0) of the objects; needs --total-shards.")
  Integer shard;

  @Option(
      names = "--total-shards",
      paramLabel = "M",
      description =
          "Split the objects into M shards by the FNV-1a hash of their UID; each replica reads"
              + " one.")
  Integer totalShards;

  @Option(
      names = "--pod",
      paramLabel = "NAME",
      description =
          "This pod's name, <statefulset>-<ordinal> (the downward API's metadata.name): read the"
              + " shard of its ordinal among the StatefulSet's replicas, followed as it is scaled.")
  String pod;

  @Option(
      names = "--pod-namespace",
      paramLabel = "NAMESPACE",
      description = "The namespace of --pod (the downward API's metadata.namespace).")
  String podNamespace;

  /**
   * The sharding the options ask for.
   *
   * @throws CommandLine.ParameterException when they contradict each other or are incomplete
   */
  Sharding sharding(CommandSpec spec, boolean kubernetes) {
    boolean fixed = shard != null || totalShards != null;
    boolean fromPod = pod != null || podNamespace != null;
    if (!fixed && !fromPod) {
      return Sharding.NONE;
    }
    try {
      if (fixed && fromPod) {
        throw new IllegalArgumentException(
            "--shard and --total-shards, or --pod and --pod-namespace: not both");
      }
      if (!kubernetes) {
        throw new IllegalArgumentException(
            "sharding splits the objects of a cluster: not with --objects or --demo");
      }
      if (fixed) {
        if (shard == null || totalShards == null) {
          throw new IllegalArgumentException("--shard and --total-shards go together");
        }
        return new Sharding.Fixed(new Shard(shard, totalShards));
      }
      if (pod == null || podNamespace == null) {
        throw new IllegalArgumentException("--pod and --pod-namespace go together");
      }
      return Sharding.fromPod(pod, podNamespace);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}

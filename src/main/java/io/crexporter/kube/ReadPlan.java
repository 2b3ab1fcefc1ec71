package io.crexporter.kube;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.ResourceMapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to read for one configuration and the CRDs installed: one entry per concrete kind, so that a
 * kind is read once. A kind's own mapping entries decide its version and selection; a mapping of
 * every kind of a group ({@code kind: "*"}) adds the group's other kinds, as its CRDs show them.
 *
 * @param kinds by {@link ResourceId#groupKind()}: the kind's own entries first, in configuration
 *     order, then the kinds each wildcard found, in kind order
 * @param idle wildcards that read nothing now, by group and kind {@code *}, with the reason, to be
 *     logged when it changes
 */
record ReadPlan(Map<String, PlannedKind> kinds, Map<String, String> idle) {

  static final ReadPlan EMPTY = new ReadPlan(Map.of(), Map.of());

  /** One concrete kind and where it is read. */
  record PlannedKind(ResourceId id, Resolution resolution) {}

  ReadPlan {
    // in the order kinds were planned: health is reported in it
    kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    idle = Map.copyOf(idle);
  }

  /**
   * The groups whose kinds must be looked up through discovery: those of kinds no CRD serves or
   * served, except groups that have CRDs, whose kinds come and go with them.
   *
   * @param catalog the installed CRDs, or empty when they cannot be listed: then every group
   */
  static Set<String> discoveryGroups(CompiledConfig config, Optional<CrdCatalog> catalog) {
    Set<String> groups = new TreeSet<>();
    Set<String> crdGroups = catalog.map(CrdCatalog::groups).orElse(Set.of());
    for (ResourceMapping mapping : config.resources()) {
      ResourceId id = mapping.resource();
      boolean crdKind =
          catalog.isPresent()
              && (crdGroups.contains(id.group())
                  || catalog.get().servedKind(id.group(), id.kind()));
      if (!id.isAnyKind() && !crdKind) {
        groups.add(id.group());
      }
    }
    return groups;
  }

  /**
   * @param catalog the installed CRDs, or empty when they cannot be listed: then wildcards read
   *     nothing
   * @param discovered what discovery found of {@link #discoveryGroups}
   */
  /**
   * @param namespaces the namespaces each namespace selector of the configuration matches
   */
  static ReadPlan of(
      CompiledConfig config,
      Optional<CrdCatalog> catalog,
      ApiDiscovery.Snapshot discovered,
      Resolution.Namespaces namespaces) {
    Map<String, PlannedKind> kinds = new LinkedHashMap<>();
    Map<String, ResourceMapping> wildcards = new LinkedHashMap<>();
    // every entry of one kind (or of every kind of a group) reads the same objects: the first says
    for (ResourceMapping mapping : config.resources()) {
      ResourceId id = mapping.resource();
      if (id.isAnyKind()) {
        wildcards.putIfAbsent(id.groupKind(), mapping);
      } else if (!kinds.containsKey(id.groupKind())) {
        kinds.put(
            id.groupKind(),
            new PlannedKind(
                id,
                Resolution.resolve(
                    id,
                    new Resolution.Wanted(mapping.selection(), namespaces),
                    catalog,
                    discovered)));
      }
    }
    Map<String, String> idle = new LinkedHashMap<>();
    for (ResourceMapping wildcard : wildcards.values()) {
      ResourceId id = wildcard.resource();
      if (catalog.isEmpty()) {
        idle.put(
            id.groupKind(),
            everyKind(id)
                + ": CustomResourceDefinitions cannot be listed to find its kinds, so none is read");
        continue;
      }
      Map<String, Resolution> found =
          Resolution.expand(
              id, new Resolution.Wanted(wildcard.selection(), namespaces), catalog.get());
      // a kind with entries of its own is read as they say
      found.forEach(
          (kind, resolution) ->
              kinds.putIfAbsent(
                  ResourceId.groupKind(id.group(), kind),
                  new PlannedKind(id.withKind(kind), resolution)));
      if (found.isEmpty()) {
        idle.put(
            id.groupKind(),
            everyKind(id)
                + ": no established CustomResourceDefinition of the group"
                + (id.hasVersion() ? " serves " + id.version() : "")
                + " yet; waiting for one");
      }
    }
    return new ReadPlan(kinds, idle);
  }

  /** The namespace selectors of a configuration. */
  static Set<String> namespaceSelectors(CompiledConfig config) {
    Set<String> selectors = new TreeSet<>();
    for (ResourceMapping mapping : config.resources()) {
      if (mapping.selection().selectsNamespacesByLabel()) {
        selectors.add(mapping.selection().namespaceSelector());
      }
    }
    return selectors;
  }

  /** True when some kind cannot be read now: worth resolving again later. */
  boolean waiting() {
    return kinds.values().stream()
        .anyMatch(kind -> kind.resolution() instanceof Resolution.Unavailable);
  }

  /** Every endpoint to list and watch. */
  Set<ResourceTarget> targets() {
    Set<ResourceTarget> targets = new LinkedHashSet<>();
    for (PlannedKind kind : kinds.values()) {
      if (kind.resolution() instanceof Resolution.Watch watch) {
        targets.addAll(watch.targets());
      }
    }
    return targets;
  }

  private static String everyKind(ResourceId id) {
    return "every kind of " + id.group() + (id.hasVersion() ? " at " + id.version() : "");
  }
}

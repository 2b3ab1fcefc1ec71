package io.crexporter.kube;

/**
 * The state of one mapped kind, for self-metrics.
 *
 * @param version the version it is read at, or the configured one (possibly empty) when unknown
 * @param up every endpoint of the kind was listed, and no error has happened since its watch last
 *     opened
 * @param lastSyncSeconds when a list of the kind last completed, 0 if never
 * @param lastEventSeconds when a watch event or a list of the kind last arrived, 0 if never
 */
public record KindHealth(
    String group,
    String version,
    String kind,
    boolean up,
    double lastSyncSeconds,
    double lastEventSeconds) {}

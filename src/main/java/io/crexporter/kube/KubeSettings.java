package io.crexporter.kube;

import java.time.Duration;

/**
 * How the Kubernetes source talks to the API server. The defaults follow client-go's reflector
 * (back-off, watch timeouts) and its HTTP/2 health checks; tests shorten them.
 *
 * @param pageSize objects per list page; bounds what one response holds while it is read
 * @param listFromWatchCache list with {@code resourceVersion=0}: served from the API server's watch
 *     cache instead of a quorum read of etcd (cheaper for the server, possibly slightly stale; the
 *     cache does not paginate)
 * @param initialBackoff first delay after a failure; it doubles per failure up to {@code
 *     maxBackoff}, and each delay is stretched by up to 100 % at random
 * @param maxBackoff longest delay before jitter
 * @param backoffReset a failure this long after the previous one starts again from {@code
 *     initialBackoff}
 * @param minWatchTimeout watches ask the server to end them after a random time between this and
 *     twice this, so that they do not all renew at once
 * @param watchIdleTimeout a watch over HTTP/1.1 that receives nothing for this long is presumed
 *     dead and opened again from the last version seen
 * @param pingInterval HTTP/2 connections are pinged this often and closed when a ping is not
 *     answered before the next one, which ends every watch on a dead connection
 * @param listPageTimeout longest time for one list page; a list that cannot be paginated (from the
 *     watch cache, or after an expired continue token) gets ten times as long
 * @param startupGrace readiness does not wait longer than this for a kind that keeps failing
 */
public record KubeSettings(
    int pageSize,
    boolean listFromWatchCache,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration backoffReset,
    Duration minWatchTimeout,
    Duration watchIdleTimeout,
    Duration pingInterval,
    Duration listPageTimeout,
    Duration startupGrace) {

  public static final KubeSettings DEFAULTS =
      new KubeSettings(
          500,
          false,
          Duration.ofMillis(800),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(5),
          Duration.ofSeconds(60),
          Duration.ofSeconds(15),
          Duration.ofSeconds(60),
          Duration.ofSeconds(60));

  public KubeSettings withListFromWatchCache(boolean fromCache) {
    return new KubeSettings(
        pageSize,
        fromCache,
        initialBackoff,
        maxBackoff,
        backoffReset,
        minWatchTimeout,
        watchIdleTimeout,
        pingInterval,
        listPageTimeout,
        startupGrace);
  }

  public KubeSettings withPageSize(int size) {
    return new KubeSettings(
        size,
        listFromWatchCache,
        initialBackoff,
        maxBackoff,
        backoffReset,
        minWatchTimeout,
        watchIdleTimeout,
        pingInterval,
        listPageTimeout,
        startupGrace);
  }

  public KubeSettings withBackoff(Duration initial, Duration max, Duration reset) {
    return new KubeSettings(
        pageSize,
        listFromWatchCache,
        initial,
        max,
        reset,
        minWatchTimeout,
        watchIdleTimeout,
        pingInterval,
        listPageTimeout,
        startupGrace);
  }

  /** Watch and request timeouts, and the HTTP/2 ping interval. */
  public KubeSettings withTimeouts(
      Duration minWatch, Duration watchIdle, Duration ping, Duration listPage) {
    return new KubeSettings(
        pageSize,
        listFromWatchCache,
        initialBackoff,
        maxBackoff,
        backoffReset,
        minWatch,
        watchIdle,
        ping,
        listPage,
        startupGrace);
  }

  public KubeSettings withStartupGrace(Duration grace) {
    return new KubeSettings(
        pageSize,
        listFromWatchCache,
        initialBackoff,
        maxBackoff,
        backoffReset,
        minWatchTimeout,
        watchIdleTimeout,
        pingInterval,
        listPageTimeout,
        grace);
  }
}

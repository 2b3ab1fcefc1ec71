package io.crexporter.kube;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the CRD catalog can be used to resolve kinds: settled once CRDs have been listed, or once
 * listing them is refused for good or keeps failing past the start-up grace; then kinds are
 * resolved through discovery only. Failures are logged once each.
 */
final class CatalogState implements ReflectorMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSource.class);

  private final BooleanSupplier graceOver;
  private final Runnable settledOrChanged;
  private volatile boolean settled;
  private volatile boolean usable;
  private volatile String lastFailure = "";

  /**
   * @param graceOver whether the start-up grace period has passed
   * @param settledOrChanged called when the catalog settles, and after each list of CRDs
   */
  CatalogState(BooleanSupplier graceOver, Runnable settledOrChanged) {
    this.graceOver = graceOver;
    this.settledOrChanged = settledOrChanged;
  }

  boolean settled() {
    return settled;
  }

  boolean usable() {
    return usable;
  }

  @Override
  public void listed(ResourceTarget target) {
    lastFailure = "";
    usable = true;
    settled = true;
    settledOrChanged.run();
  }

  @Override
  public void event(ResourceTarget target, String type) {}

  @Override
  public void failed(ResourceTarget target, String operation, KubeApiException error) {
    boolean giveUp = error.isPermanent() || graceOver.getAsBoolean();
    if (!settled && giveUp) {
      LOG.warn(
          "cannot list CustomResourceDefinitions ({}): kinds are resolved through discovery"
              + " only, and kinds of every group (kind \"*\") are not read",
          error.getMessage());
      usable = false;
      settled = true;
      settledOrChanged.run();
    } else if (!error.isPermanent() && !error.getMessage().equals(lastFailure)) {
      LOG.warn("cannot {} CustomResourceDefinitions: {}", operation, error.getMessage());
    }
    lastFailure = error.getMessage();
  }
}

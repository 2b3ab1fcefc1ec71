package io.crexporter.kube;

import java.time.Duration;
import java.util.Map;

/**
 * An answer of the API server other than success (its HTTP status, or the code of a watch's ERROR
 * event), or a failure to reach it or to read its answer (code 0).
 */
final class KubeApiException extends Exception {

  static final int GONE = 410;
  static final int FORBIDDEN = 403;
  static final int NOT_FOUND = 404;
  static final int UNAUTHORIZED = 401;
  static final int TOO_MANY_REQUESTS = 429;

  private final int code;
  private final String reason;
  private final Duration retryAfter;

  KubeApiException(int code, String reason, String message, Duration retryAfter) {
    super(message);
    this.code = code;
    this.reason = reason == null ? "" : reason;
    this.retryAfter = retryAfter;
  }

  KubeApiException(int code, String message) {
    this(code, "", message, null);
  }

  /** The server could not be reached, or the connection broke or stalled. */
  KubeApiException(String message, Throwable cause) {
    super(message, cause);
    this.code = 0;
    this.reason = "";
    this.retryAfter = null;
  }

  int code() {
    return code;
  }

  /**
   * The version asked for is older than what the server keeps ({@code 410 Gone}, reason {@code
   * Expired}): only a new list can bring the objects up to date.
   */
  boolean isExpired() {
    return code == GONE || "Expired".equals(reason) || "Gone".equals(reason);
  }

  boolean isTooManyRequests() {
    return code == TOO_MANY_REQUESTS;
  }

  /** A server-side failure (5xx): the server is there but cannot answer now. */
  boolean isServerError() {
    return code >= 500 && code < 600;
  }

  /** No answer: refused, reset, timed out, or a stream that could not be read. */
  boolean isConnectionFailure() {
    return code == 0;
  }

  /**
   * Failures that the server is expected to get over, after which a watch can resume where it was:
   * nothing was lost, only delayed.
   */
  boolean isTransient() {
    return isConnectionFailure() || isServerError() || isTooManyRequests();
  }

  /** Errors that retrying soon will not fix: missing rights or a resource the server lacks. */
  boolean isPermanent() {
    return code == FORBIDDEN || code == NOT_FOUND || code == UNAUTHORIZED;
  }

  /** How long the server asked to wait ({@code Retry-After}); zero when it did not ask. */
  Duration retryAfter() {
    return retryAfter == null ? Duration.ZERO : retryAfter;
  }

  /** The Status of a watch's ERROR event as the failure it reports. */
  static KubeApiException ofStatus(Map<String, Object> status) {
    int code = status.get("code") instanceof Number number ? number.intValue() : 0;
    String reason = status.get("reason") instanceof String text ? text : "";
    String message =
        status.get("message") instanceof String text && !text.isEmpty()
            ? text
            : "watch error " + code + " " + reason;
    return new KubeApiException(code, reason, message, null);
  }
}

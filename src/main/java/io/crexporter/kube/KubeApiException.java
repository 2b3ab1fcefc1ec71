package io.crexporter.kube;

/** An answer of the API server other than success, or a failure to reach it (code 0). */
final class KubeApiException extends Exception {

  static final int GONE = 410;
  static final int FORBIDDEN = 403;
  static final int NOT_FOUND = 404;
  static final int UNAUTHORIZED = 401;

  private final int code;

  KubeApiException(int code, String message) {
    super(message);
    this.code = code;
  }

  KubeApiException(String message, Throwable cause) {
    super(message, cause);
    this.code = 0;
  }

  int code() {
    return code;
  }

  /** Errors that retrying soon will not fix: missing rights or a resource the server lacks. */
  boolean isPermanent() {
    return code == FORBIDDEN || code == NOT_FOUND || code == UNAUTHORIZED;
  }
}

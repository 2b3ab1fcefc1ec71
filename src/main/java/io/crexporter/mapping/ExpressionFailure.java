package io.crexporter.mapping;

/**
 * An expression could not be evaluated on one object (a type mismatch, its cost limit reached): the
 * series it was for are dropped and the failure counted, as for a value that cannot be read.
 */
public final class ExpressionFailure extends RuntimeException {

  public ExpressionFailure(String message) {
    super(message, null, false, false);
  }
}

package dev.itsm.bench;

/** The harness could not observe what it set out to measure: the run fails rather than report a figure. */
final class BenchFailure extends RuntimeException {
    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

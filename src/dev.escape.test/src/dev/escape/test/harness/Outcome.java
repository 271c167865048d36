package dev.escape.test.harness;

/**
 * What one call of a method produced: the {@link Snapshot} of the value it returned, or the class
 * of the exception it threw.
 */
public sealed interface Outcome {
    static Outcome returned(Object value) {
        return new Returned(Snapshot.of(value));
    }

    record Returned(Object snapshot) implements Outcome {
        @Override
        public String toString() {
            return "returned " + snapshot;
        }
    }

    record Threw(Class<? extends Throwable> type) implements Outcome {
        @Override
        public String toString() {
            return "threw " + type.getName();
        }
    }
}

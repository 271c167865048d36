package dev.escape.test.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.escape.test.harness.Compiled;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Outcome;
import dev.escape.test.harness.Slot;
import jdk.vm.ci.code.InvalidInstalledCodeException;

/**
 * The differential check: a generated method runs by reflection (the interpreter, or C2 once hot)
 * and as code compiled by each {@link Backend}; for every input the result (or the class of the
 * exception thrown) and the static state it left (the sink's object graph and the counter) must
 * be the same. A compilation that throws is a failure too.
 */
final class Oracle {
    /** How compiled code for a method is obtained. */
    interface Backend {
        String name();

        Runner compile(Method method);
    }

    /** Calls compiled code; throws {@link InvalidInstalledCodeException} once the code was invalidated. */
    interface Runner {
        Object run(Object[] args) throws Exception;
    }

    /** What one call showed: its outcome and the static state after it. */
    record Observation(Outcome outcome, Outcome sink, long counter) {
        @Override
        public String toString() {
            return outcome + ", sink " + sink + ", counter " + counter;
        }
    }

    /** What differed, and on which backend; {@code compilationFailed} if its compilation threw. */
    record Difference(String backend, boolean compilationFailed, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Installed code found invalidated (by a deopt that invalidates) and compiled again, in all. */
    static final java.util.concurrent.atomic.AtomicLong RECOMPILED = new java.util.concurrent.atomic.AtomicLong();

    /** How many times in a row code is found invalidated before a call before the oracle gives up. */
    static final int RECOMPILES = 4;

    /** How long a compilation, or a call of compiled code, may take before it counts as hung. */
    static final Duration LIMIT = Duration.ofMinutes(2);

    /** Compilations and compiled code run here, so that a hang is reported instead of waited for. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "fuzz-worker");
        t.setDaemon(true);
        return t;
    });

    static final int[][] INPUT_POOL = {{0, 0, 0}, {1, 2, 3}, {-1, 5, -7}, {3, 127, -128}, {-129, 1000, 2}, {2, -1, 65536}, {7, 7, 7}, {128, -3, 1}};

    private Oracle() {
    }

    /** The Graal harness compiling with {@code slot} in the escape analysis position. */
    static Backend graal(Slot slot) {
        return graal(slot, new Coverage());
    }

    /** The same, adding each compilation's decisions to {@code coverage}. */
    static Backend graal(Slot slot, Coverage coverage) {
        return new Backend() {
            @Override
            public String name() {
                return slot.name();
            }

            @Override
            public Runner compile(Method method) {
                Compiled compiled = GraalHarness.compile(method, slot);
                coverage.add(compiled);
                return args -> compiled.code().executeVarargs(args);
            }
        };
    }

    /** {@code count} inputs for the method of {@code seed}, always the same for that seed. */
    static List<Object[]> inputs(long seed, int count) {
        Random r = new Random(seed * 31 + 7);
        List<Object[]> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] in = INPUT_POOL[r.nextInt(INPUT_POOL.length)];
            inputs.add(new Object[]{in[0], in[1], in[2]});
        }
        return inputs;
    }

    /** Every input of the pool, for regression tests. */
    static List<Object[]> allInputs() {
        return Arrays.stream(INPUT_POOL).map(in -> new Object[]{in[0], in[1], in[2]}).toList();
    }

    /** Null if {@code method} behaves the same everywhere, else what differed. */
    static Difference check(Method method, List<Object[]> inputs, List<Backend> backends) {
        return check(method, inputs, backends, LIMIT);
    }

    /** The same, with {@code limit} for each compilation and each call of compiled code. */
    static Difference check(Method method, List<Object[]> inputs, List<Backend> backends, Duration limit) {
        Class<?> owner = method.getDeclaringClass();
        method.setAccessible(true);
        List<Observation> expected = new ArrayList<>();
        for (Object[] in : inputs) {
            expected.add(observe(owner, () -> reference(method, in)));
        }
        for (Backend backend : backends) {
            Difference failure = check(method, inputs, backend, expected, limit);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private static Difference check(Method method, List<Object[]> inputs, Backend backend, List<Observation> expected, Duration limit) {
        Runner[] runner = {null};
        String where = method.getName() + " [" + backend.name() + "]";
        for (int i = 0; i < inputs.size(); i++) {
            Object[] in = inputs.get(i);
            Observation actual = null;
            for (int compiles = 0; actual == null; compiles++) {
                if (runner[0] == null) {
                    if (compiles > RECOMPILES) {
                        return new Difference(backend.name(), false, where + ": invalidated " + RECOMPILES + " times in a row");
                    }
                    try {
                        runner[0] = bounded(() -> backend.compile(method), limit);
                    } catch (TimeoutException e) {
                        return new Difference(backend.name(), false, where + ": compilation did not finish in " + limit);
                    } catch (Throwable t) {
                        return new Difference(backend.name(), true, where + ": compilation threw " + trace(t));
                    }
                }
                try {
                    actual = observe(method.getDeclaringClass(), () -> compiled(runner[0], in, limit));
                } catch (Invalidated e) {
                    RECOMPILED.incrementAndGet();
                    runner[0] = null;
                } catch (Hung e) {
                    return new Difference(backend.name(), false, where + Arrays.toString(in) + ": compiled code did not return in " + limit);
                }
            }
            if (!actual.equals(expected.get(i))) {
                return new Difference(backend.name(), false, method.getName() + Arrays.toString(in) + " [" + backend.name() + "]: expected " + expected.get(i) + "\n    but compiled code gave " + actual);
            }
        }
        return null;
    }

    /** Runs {@code task} on a worker, waiting at most {@code limit} (a hung worker is left behind). */
    static <T> T bounded(Callable<T> task, Duration limit) throws Throwable {
        Future<T> result = WORKERS.submit(task);
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            result.cancel(true);
            throw e;
        }
    }

    /** A call of compiled code did not return in time. */
    static final class Hung extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Hung() {
            super(null, null, false, false);
        }
    }

    /** The compiled code had been invalidated by an earlier deopt: compile again and rerun. */
    static final class Invalidated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalidated() {
            super(null, null, false, false);
        }
    }

    static Outcome reference(Method method, Object[] in) {
        try {
            return Outcome.returned(method.invoke(null, in));
        } catch (InvocationTargetException e) {
            return new Outcome.Threw(e.getCause().getClass());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static Outcome compiled(Runner runner, Object[] in, Duration limit) {
        try {
            return Outcome.returned(bounded(() -> runner.run(in), limit));
        } catch (InvalidInstalledCodeException e) {
            throw new Invalidated();
        } catch (TimeoutException e) {
            throw new Hung();
        } catch (Throwable t) {
            return new Outcome.Threw(t.getClass());
        }
    }

    /** Resets the generated class's static state, makes the call, and reads the state back. */
    static Observation observe(Class<?> owner, java.util.function.Supplier<Outcome> call) {
        try {
            Method reset = owner.getDeclaredMethod(Prelude.RESET);
            Field sink = owner.getDeclaredField(Prelude.SINK);
            Field counter = owner.getDeclaredField(Prelude.COUNTER);
            reset.setAccessible(true);
            sink.setAccessible(true);
            counter.setAccessible(true);
            reset.invoke(null);
            Outcome outcome = call.get();
            return new Observation(outcome, Outcome.returned(sink.get(null)), counter.getLong(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class " + owner.getName() + " lacks the prelude's static state", e);
        }
    }

    static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        String[] lines = out.toString().split("\n");
        return String.join("\n", Arrays.asList(lines).subList(0, Math.min(lines.length, 12)));
    }
}

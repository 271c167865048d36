package dev.escape.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Functional-style code, whose objects exist only to carry code and values from one call to the
 * next: capturing lambdas, Optional chains, stream pipelines, builders.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Functional {

    record Request(String host, int port, String path, boolean secure) {
        static Builder builder() {
            return new Builder();
        }
    }

    static final class Builder {
        private String host = "localhost";
        private int port = 80;
        private String path = "/";
        private boolean secure;

        Builder host(String h) {
            host = h;
            return this;
        }

        Builder port(int p) {
            port = p;
            return this;
        }

        Builder path(String p) {
            path = p;
            return this;
        }

        Builder secure(boolean s) {
            secure = s;
            return this;
        }

        Request build() {
            return new Request(host, port, path, secure);
        }
    }

    int[] ints = new int[32];
    List<Integer> list = new ArrayList<>();
    String[] names = {"ann", null, "bartholomew", "cy", null, "dorothea", "eve", "frederick"};
    int a = 3;
    int b = 5;
    int counter;

    public Functional() {
        for (int k = 0; k < 32; k++) {
            ints[k] = k * 7 + 1;
            list.add(k * 100);
        }
    }

    static int applyAll(IntUnaryOperator f, int[] xs) {
        int s = 0;
        for (int v : xs) {
            s += f.applyAsInt(v);
        }
        return s;
    }

    /** A lambda capturing a local and {@code this}, passed to an inlined higher-order method. */
    @Benchmark
    public int lambdaCapture() {
        int k = ++counter & 15;
        IntUnaryOperator f = v -> v * k + b;
        return applyAll(f, ints);
    }

    /** Function.andThen of two capturing lambdas, over boxed Integers. */
    @Benchmark
    public int lambdaComposed() {
        int k = ++counter;
        Function<Integer, Integer> f = v -> v + k;
        Function<Integer, Integer> g = f.andThen(v -> v * a);
        return g.apply(b * 1000);
    }

    /** Optional.ofNullable(...).map(...).filter(...).orElse(...). */
    @Benchmark
    public int optionalChain() {
        String name = names[++counter & 7];
        return Optional.ofNullable(name).map(String::length).filter(n -> n > 3).orElse(-1);
    }

    /** IntStream.range(...).map(...).filter(...).sum(). */
    @Benchmark
    public int streamInts() {
        int m = a;
        return IntStream.range(0, ints.length).map(k -> ints[k] * m).filter(v -> (v & 1) == 0).sum();
    }

    /** list.stream().filter(...).mapToLong(...).sum() over boxed values. */
    @Benchmark
    public long streamList() {
        int limit = (++counter & 15) * 100;
        return list.stream().filter(v -> v > limit).mapToLong(Integer::longValue).sum();
    }

    /** A fluent builder that builds a record, which is read and dropped. */
    @Benchmark
    public int builder() {
        int k = ++counter;
        Request r = Request.builder().host(names[k & 7] == null ? "example.org" : names[k & 7]).port(8000 + (k & 63)).path("/api").secure((k & 1) == 0).build();
        return r.port() + r.host().length() + (r.secure() ? 1 : 0) + r.path().length();
    }
}

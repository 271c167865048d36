package dev.escape.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Short-lived helpers of collection code: iterators, lookup keys built just for a lookup, varargs
 * arrays, small arrays with constant and with variable indices, tiny immutable lists, a small linked
 * list walked where it is built.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Containers {

    record Key(int a, int b) {
    }

    List<Integer> list = new ArrayList<>();
    Map<Integer, Integer> map = new HashMap<>();
    Map<Key, Integer> byKey = new HashMap<>();
    int[] ints = new int[32];
    int a = 3;
    int b = 5;
    int counter;

    public Containers() {
        for (int k = 0; k < 32; k++) {
            list.add(k * 1000);
            map.put(k * 1000, k);
            ints[k] = k * 7 + 1;
        }
        for (int k = 0; k < 64; k++) {
            byKey.put(new Key(k & 7, k >> 3), k);
        }
    }

    /** for-each over an ArrayList: an ArrayList$Itr per loop. */
    @Benchmark
    public int iterateList() {
        int s = 0;
        for (Integer v : list) {
            s += v;
        }
        return s;
    }

    /** for-each over a HashMap's entry set: an entry set view and an iterator per loop. */
    @Benchmark
    public int iterateMap() {
        int s = 0;
        for (Map.Entry<Integer, Integer> e : map.entrySet()) {
            s += e.getKey() ^ e.getValue();
        }
        return s;
    }

    /** HashMap.get with a record key built only for the lookup. */
    @Benchmark
    public int mapLookupFreshKey() {
        int k = ++counter;
        Integer v = byKey.get(new Key(k & 7, (k >> 3) & 7));
        return v == null ? -1 : v;
    }

    static int sum(int... xs) {
        int s = 0;
        for (int v : xs) {
            s += v;
        }
        return s;
    }

    /** A varargs call: the implicit array is read by the (inlined) callee only. */
    @Benchmark
    public int varargs() {
        return sum(a, b, a ^ b, 7);
    }

    /** A small array indexed by constants only. */
    @Benchmark
    public int fixedArray() {
        int[] t = new int[4];
        t[0] = a;
        t[1] = b;
        t[2] = a ^ b;
        t[3] = a + b;
        return t[0] * t[3] + t[1] * t[2];
    }

    /** A small array filled in a loop and read at a variable index. */
    @Benchmark
    public int variableIndexArray() {
        int[] t = new int[4];
        for (int k = 0; k < 4; k++) {
            t[k] = ints[k + a];
        }
        return t[++counter & 3];
    }

    /** List.of with three boxed values, asked one question and dropped. */
    @Benchmark
    public boolean smallListOf() {
        int k = ++counter;
        return List.of(a * 1000, b * 1000, k).contains(k & 0xFFF);
    }

    /** A node of the small linked list below. */
    static final class Link {
        final int value;
        final Link next;

        Link(int value, Link next) {
            this.value = value;
            this.next = next;
        }
    }

    /** A three-node linked list built and walked in the same call: kept everywhere but escape (it peels the walk). */
    @Benchmark
    public int linkedListWalk() {
        int k = ++counter;
        Link head = new Link(k, new Link(k * 3, new Link(a, null)));
        int s = 0;
        for (Link l = head; l != null; l = l.next) {
            s += l.value;
        }
        return s;
    }
}

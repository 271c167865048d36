package dev.escape.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Runtime feedback (issue 16): benchmarks whose behaviour changes between JMH's warm-up and
 * measured iterations, so that only a recompilation with what the program does now can remove
 * the allocation.
 *
 * <p>The warm-up iterations are the <em>profile phase</em>: the object escapes on every other
 * call ({@link #twoEscapes}: on 2 calls in 4, by two paths; {@link #callBecomesHot}: the call it
 * goes to runs on 1 call in 64), so the first compilation, which happens in that phase, keeps the
 * escaping path with the branch profile of that phase. The measured iterations are the <em>steady
 * phase</em>: the object never escapes (or the call runs on every call). Nothing in the steady
 * phase makes HotSpot deoptimize or recompile the method by itself (no branch was left
 * unprofiled), so without feedback the code compiled in the profile phase runs to the end: past
 * the merge of the path where the object was made real with the path where it is still virtual,
 * the object is real on the hot path too, and the call that was not inlined keeps receiving a real
 * object. (Graal makes it real at the merge. escape's analysis can leave it unallocated on the
 * virtual path while the code after the merge only reads its fields, so each benchmark uses it
 * after the merge in a way that needs it: an identity comparison, a lock, the frame state of a
 * call, another merge, a holder object or an array.) With feedback, the cold materialization
 * becomes a deoptimization and the object stays virtual past the merge, or the hot call is
 * inlined. {@link #phase} switches the phase from JMH's {@link IterationParams}, so the switch
 * follows whatever {@code -wi}/{@code -i} a run uses; with no warm-up (as {@code --quick} runs)
 * every iteration is steady and there is nothing to show.
 *
 * <p>Every benchmark but {@link #identityInJmhLoop} is compiled as a root of its own
 * ({@code DONT_INLINE}), not inlined into JMH's measurement loop: a recompiled root is used from its
 * next call, whereas JMH's loop method is entered once per iteration, so its recompiled code may
 * only run from the next iteration on; {@link #identityInJmhLoop} shows that case.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Feedback {

    /** A small value object: 24 bytes with compressed class pointers (an int and a double). */
    static final class P {
        final int i;
        final double x;

        P(int i, double x) {
            this.i = i;
            this.x = x;
        }

        double norm() {
            return Math.sqrt(i * (double) i + x * x);
        }
    }

    /** Holds a {@link P}: a second object whose field points to the first. */
    static final class Holder {
        final P p;
        final int tag;

        Holder(P p, int tag) {
            this.p = p;
            this.tag = tag;
        }
    }

    /** Where objects escape to by static stores. */
    static Object published;

    double x = 1.5;
    int counter;
    /** Calls of {@link #loopBody}. */
    int round;
    /** The last object passed to {@link #remember}: the identity comparison's other side. */
    P last;
    /**
     * The object escapes when {@code (counter & escapeMask) != 0}: every other call in the profile
     * phase (mask 1), never in the steady phase (mask 0). One branch, profiled at 50% taken.
     */
    int escapeMask;
    /**
     * {@link #callBecomesHot} calls its callee when {@code (counter & callMask) == 0}: 1 call in 64
     * in the profile phase (mask 63), every call in the steady phase (mask 0).
     */
    int callMask;
    /**
     * {@link #twoEscapes} takes its first escaping path when {@code (counter & pathMask) == 1}, its
     * second when it is 2: 1 call in 4 each in the profile phase (mask 3), never in the steady
     * phase (mask 0).
     */
    int pathMask;

    /** Warm-up iterations are the profile phase, measured iterations the steady phase. */
    @Setup(Level.Iteration)
    public void phase(IterationParams params) {
        boolean profile = params.getType() == IterationType.WARMUP;
        escapeMask = profile ? 1 : 0;
        callMask = profile ? 63 : 0;
        pathMask = profile ? 3 : 0;
    }

    /** The escape of the profile phase: a call that is never inlined, storing into a field. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    void remember(P p) {
        last = p;
    }

    /** The same into a static field, for any object (where nothing compares with it afterwards). */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static void publish(Object o) {
        published = o;
    }

    /**
     * Identity after the merge: the object escapes into a call on every other call of the profile
     * phase, then is compared by reference with the last one that escaped.
     */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double identityAfterMerge() {
        P p = new P(++counter, x);
        if ((counter & escapeMask) != 0) {
            remember(p);
        }
        return p == last ? 0 : p.i + p.x;
    }

    /**
     * {@link #identityAfterMerge} as JMH runs most benchmarks: inlined into JMH's measurement loop,
     * which is entered once per iteration. The compiled code with the counters is that loop's, so
     * code recompiled by feedback during an iteration can take over from the next iteration on (or
     * earlier, only if the running loop's frame is deoptimized and re-enters compiled code).
     */
    @Benchmark
    public double identityInJmhLoop() {
        P p = new P(++counter, x);
        if ((counter & escapeMask) != 0) {
            remember(p);
        }
        return p == last ? 0 : p.i + p.x;
    }

    /** A lock after the merge: the object escapes the same way, then is locked. */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double lockAfterMerge() {
        P p = new P(++counter, x);
        if ((counter & escapeMask) != 0) {
            publish(p);
        }
        double r;
        synchronized (p) {
            r = p.i * p.x;
        }
        return r;
    }

    /** Never inlined; does not see the object. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    double tick() {
        return (counter & 7) * 0.125;
    }

    /**
     * A call after the merge: the object escapes into a call on every other call of the profile
     * phase; after the merge comes a call that is not inlined and does not take the object, but
     * the object is used after it, so the call's frame state needs it: real there, or described
     * as virtual if the object stays virtual.
     */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double callAfterMerge() {
        P p = new P(++counter, x);
        if ((counter & escapeMask) != 0) {
            publish(p);
        }
        double t = tick();
        return p.i * t + p.x;
    }

    /** Inlined (hot on every path), reads the object it is given, has a branch of its own. */
    static double mix(P p, int k) {
        double r = p.norm();
        if ((k & 3) == 0) {
            r += p.x;
        }
        return r - p.i;
    }

    /**
     * An inlined call after the merge: the object escapes the same way, then is the argument of a
     * call that is inlined (and the receiver of one inside it) and merges paths of its own while the
     * object is still live.
     */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double inlinedCallAfterMerge() {
        P p = new P(++counter, x);
        if ((counter & escapeMask) != 0) {
            publish(p);
        }
        return mix(p, counter);
    }

    /**
     * Not inlined where it is called rarely (about 60 nodes: over Graal's trivial size of 10, under
     * its relevance-based limit when called on every call), inlined where it is called always.
     * Reads the object only, so inlined the object does not escape.
     */
    static double weigh(P p, int k) {
        double r = p.x * (k & 7) + p.i;
        if ((k & 8) != 0) {
            r = r * 0.5 + p.x;
        }
        if ((k & 16) != 0) {
            r -= p.i * 0.25;
        }
        if ((k & 32) != 0) {
            r += Math.abs(p.x - p.i);
        }
        if (r > 1e9) {
            r = Math.sqrt(r);
        }
        return r + (p.i >> 3);
    }

    /**
     * The call that becomes hot: in the profile phase the object goes to {@link #weigh} on 1 call in
     * 64, too rare for the first compilation to inline it, so it is made real there; in the steady
     * phase it goes there on every call, still to the call that was not inlined.
     */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double callBecomesHot() {
        P p = new P(++counter, x);
        if ((counter & callMask) == 0) {
            return weigh(p, counter);
        }
        return p.x - p.i;
    }

    /**
     * Two objects, one pointing to the other: the holder escapes by a static store in the profile
     * phase, then both are read after the merge (an object another virtual object refers to cannot
     * stay unallocated past a merge where it is real on some path: both are made real).
     */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double holderChain() {
        Holder h = new Holder(new P(++counter, x), 7);
        if ((counter & escapeMask) != 0) {
            published = h;
        }
        return h.p.i + h.p.x + h.tag;
    }

    /**
     * A small array that escapes by a static store in the profile phase, read after the merge
     * (only plain instances stay unallocated past such a merge: the array is made real).
     */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int arrayAfterMerge() {
        int c = ++counter;
        int[] a = {c, c + 1, c + 2, c + 3};
        if ((c & escapeMask) != 0) {
            published = a;
        }
        return a[0] + a[1] * a[2] - a[3];
    }

    /**
     * Two escapes, each cold in the steady phase: in the profile phase the object goes into a call
     * on 1 call in 4 and is stored to a static field on another 1 in 4, then is compared by
     * reference after the merge of the three paths. Both materializations must become
     * deoptimizations.
     */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double twoEscapes() {
        P p = new P(++counter, x);
        int k = counter & pathMask;
        if (k == 1) {
            remember(p);
        } else if (k == 2) {
            published = p;
        }
        return p == last ? 0 : p.i * 0.5 + p.x;
    }

    /**
     * An object per iteration of an 8-iteration loop, passed to a call on every other iteration of
     * the profile phase and never in the steady phase; read after the merge, then the next
     * iteration's merge follows while it is live (Graal unrolls the loop: only the last copy's
     * object has nothing but reads after its merge). Which iterations escape alternates from call
     * to call ({@code round + k}), so that each unrolled copy escapes on every other call too, not
     * always or never.
     */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double loopBody() {
        int r = ++round;
        double s = 0;
        for (int k = 0; k < 8; k++) {
            P p = new P(++counter, s);
            if (((r + k) & escapeMask) != 0) {
                publish(p);
            }
            s += p.x * 0.5 + p.i;
        }
        return s;
    }
}

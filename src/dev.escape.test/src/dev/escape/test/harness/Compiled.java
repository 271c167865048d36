package dev.escape.test.harness;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.SiteDecision;
import jdk.vm.ci.code.InstalledCode;
import jdk.vm.ci.code.InvalidInstalledCodeException;

/**
 * A method compiled through the real Graal pipeline with one {@link Slot}: the decisions the
 * phase recorded, and installed code to run. {@code graphSize} is the final graph's live node
 * count, what HotSpotGraalCompiler records as the method's compiled IR size and Graal's inliner
 * compares with {@code SmallCompiledLowLevelGraphSize} before inlining the method elsewhere;
 * {@code nodeClasses} counts those nodes by class. {@code speculations} names the reason of each
 * speculative deoptimization or guard in the graph right after the slot's phase (Graal's own, e.g.
 * from the bytecode parser, and runtime feedback's).
 */
public record Compiled(Method method, Slot slot, CompilationRecord record, InstalledCode code, int graphSize, Map<String, Integer> nodeClasses, List<String> speculations) {

    /** Allocation nodes left after the phase, materializations included. */
    public int allocations() {
        return record.after().allocations();
    }

    public List<SiteDecision> sites() {
        return record.sites();
    }

    public long count(Decision decision) {
        return record.count(decision);
    }

    /** The same method compiled again with the same slot: fresh code after a deopt invalidated this one. */
    public Compiled recompiled() {
        return GraalHarness.compile(method, slot);
    }

    /** Runs the compiled code. A thrown exception is returned as {@link Outcome.Threw}. */
    public Outcome run(Object... args) {
        try {
            return Outcome.returned(code.executeVarargs(args));
        } catch (InvalidInstalledCodeException e) {
            throw new AssertionError("installed code of " + method + " was invalidated", e);
        } catch (Throwable t) {
            return new Outcome.Threw(t.getClass());
        }
    }

    /** Runs the method as the JVM would without our compiled code (reflection; interpreted here). */
    public Outcome reference(Object... args) {
        try {
            return Outcome.returned(method.invoke(null, args));
        } catch (InvocationTargetException e) {
            return new Outcome.Threw(e.getCause().getClass());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}

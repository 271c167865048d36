package dev.escape.truffle;

import jdk.graal.compiler.core.common.CompilationIdentifier;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.truffle.TruffleCompilationIdentifier;

/** How the report names Truffle compilations. */
public final class TruffleNames {
    /** Appended to the compilation id of a record from partial evaluation's escape analysis slot. */
    public static final String TRUFFLE_TIER_SUFFIX = " (Truffle tier)";

    /** Appended to the call target's name in the report's method names. */
    public static final String SUFFIX = " (Truffle)";

    private TruffleNames() {
    }

    /**
     * The name of the call target (the guest function, e.g. a JavaScript function's name) that
     * {@code graph} compiles, or null when {@code graph} belongs to a host compilation. Every
     * Truffle compilation's graph has the same root method (the runtime's entry point for all
     * call targets), so the method says nothing; the compilation id knows the call target.
     */
    public static String callTarget(StructuredGraph graph) {
        CompilationIdentifier id = graph.compilationId();
        if (id instanceof TruffleCompilationIdentifier) {
            return id.toString(CompilationIdentifier.Verbosity.NAME);
        }
        return null;
    }

    /** The method name under which the report lists the compilations of {@code callTarget}. */
    public static String reportName(String callTarget) {
        return callTarget + SUFFIX;
    }
}

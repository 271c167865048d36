package dev.escape.truffle;

import java.util.List;

import jdk.graal.compiler.core.common.CompilationIdentifier;
import jdk.graal.compiler.debug.MethodFilter;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.spi.CoreProviders;
import jdk.graal.compiler.truffle.TruffleCompilationIdentifier;
import jdk.graal.compiler.truffle.TruffleTierContext;

/** How the report names Truffle compilations. */
public final class TruffleNames {
    /** Appended to the compilation id of a record from partial evaluation's escape analysis slot. */
    public static final String TRUFFLE_TIER_SUFFIX = " (Truffle tier)";

    /** Appended to the call target's name in the report's method names. */
    public static final String SUFFIX = " (Truffle)";

    /** The class part a {@code --methods} pattern gives a guest function: {@code Truffle.main}. */
    static final String CLASS = "Truffle";

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

    /**
     * Whether {@code filter} (Graal's MethodFilter syntax, as {@code --methods} gives it) selects
     * the Truffle compilation of {@code graph} by its guest function: {@code main} or
     * {@code Truffle.main} (the class part is {@code Truffle} for every guest function),
     * {@code Truffle.*} for all of them; a dotted guest name such as {@code Vec.prototype.add}
     * also matches as class {@code Vec.prototype}, method {@code add}.
     */
    public static boolean matches(MethodFilter filter, StructuredGraph graph) {
        String guest = callTarget(graph);
        if (guest == null) {
            return false;
        }
        int dot = guest.lastIndexOf('.');
        return filter.matchesWithArgs(CLASS, guest, List.of()) || (dot > 0 && filter.matchesWithArgs(guest.substring(0, dot), guest.substring(dot + 1), List.of()));
    }

    /**
     * What follows the compilation id of a record from partial evaluation's slot: {@value #TRUFFLE_TIER_SUFFIX}
     * for the compilation's own graph (after partial evaluation, and again after inlining), or
     * {@code " (Truffle tier, inlinee F)"} for the graph of a callee {@code F} that the inliner
     * partially evaluated and optimized on its own before deciding whether to inline it.
     */
    public static String truffleTierSuffix(StructuredGraph graph, CoreProviders context) {
        if (context instanceof TruffleTierContext truffle && graph.method() != null && graph.method().equals(truffle.partialEvaluator.inlineRootForCallTarget(truffle.compilable))) {
            return " (Truffle tier, inlinee " + truffle.compilable.getName() + ")";
        }
        return TRUFFLE_TIER_SUFFIX;
    }

    /** The method name under which the report lists the compilations of {@code callTarget}. */
    public static String reportName(String callTarget) {
        return callTarget + SUFFIX;
    }
}

package dev.escape.integration;

import dev.escape.feedback.Feedback;
import jdk.graal.compiler.core.common.GraalOptions;
import jdk.graal.compiler.nodes.Invoke;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.java.AbstractNewObjectNode;
import jdk.graal.compiler.nodes.spi.Replacements;
import jdk.graal.compiler.nodes.util.GraphUtil;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.common.inlining.InliningUtil;
import jdk.graal.compiler.phases.common.inlining.info.InlineInfo;
import jdk.graal.compiler.phases.common.inlining.policy.GreedyInliningPolicy;
import jdk.graal.compiler.phases.common.inlining.walker.MethodInvocation;

/**
 * Graal's greedy inlining, with one rule changed for calls that hand the callee an object the
 * caller allocates (as receiver or argument): such a call is not refused because the callee, when
 * compiled on its own, had a large final graph ({@code SmallCompiledLowLevelGraphSize}). Every other
 * limit of the greedy policy still applies, the callee's own size among them.
 *
 * <p>
 * Why: that rule reads the size of the callee's last compilation, if any, so whether an iterator's
 * {@code hasNext} or a collector's {@code accumulator} is inlined into a loop depends on whether
 * the callee happened to be compiled on its own first, which depends on compile order. Refused,
 * the call makes the caller's object escape, and it is allocated on every iteration. On javac this
 * made allocation per iteration vary by up to 9% from run to run under the same configuration. Inlined,
 * the object can stay virtual, which is what this configuration is for; and the callee's earlier
 * size says little about its size here, where escape analysis removes the object it works on.
 */
final class EscapeInliningPolicy extends GreedyInliningPolicy {

    EscapeInliningPolicy() {
        super(null);
    }

    /**
     * As Graal's policy, except for a call that runtime feedback found objects of the caller made
     * real at on most runs ({@link Feedback#callsToInline}): inlined while its callee is within Graal's
     * {@code MaximumInliningSize}, whatever its relevance in the profile, which may be stale.
     */
    @Override
    public Decision isWorthInlining(Replacements replacements, MethodInvocation invocation, InlineInfo calleeInfo, int inliningDepth, boolean fullyProcessed) {
        Decision decision = super.isWorthInlining(replacements, invocation, calleeInfo, inliningDepth, fullyProcessed);
        InlineInfo info = invocation.callee();
        EscapeInliningPhase.Root root = EscapeInliningPhase.root();
        if (decision.shouldInline() || root == null || recursive(info, root.graph()) || !root.feedbackInlines().test(info.invoke())) {
            return decision;
        }
        OptionValues options = calleeInfo.graph().getOptions();
        int nodes = info.determineNodeCount();
        if (nodes <= GraalOptions.MaximumInliningSize.getValue(options)) {
            InliningUtil.traceInlinedMethod(info, inliningDepth, fullyProcessed, "escape feedback: objects made real at this call on most runs (nodes=%d)", nodes);
            return Decision.YES.withReason(GraalOptions.TraceInlining.getValue(options), "escape feedback: objects made real at this call on most runs (nodes=%d)", nodes);
        }
        return decision;
    }

    /** True if the callee is the compiled method or the method the call is in (Graal's limits on recursive inlining stay in charge). */
    private static boolean recursive(InlineInfo info, StructuredGraph root) {
        for (int i = 0; i < info.numberOfMethods(); i++) {
            if (info.methodAt(i).equals(root.method()) || info.methodAt(i).equals(info.graph().method())) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected int previousLowLevelGraphSize(InlineInfo info) {
        return passesOwnAllocation(info.invoke()) ? 0 : super.previousLowLevelGraphSize(info);
    }

    /** True if the receiver or an argument of {@code invoke} is an allocation of the caller's graph. */
    static boolean passesOwnAllocation(Invoke invoke) {
        for (ValueNode argument : invoke.callTarget().arguments()) {
            if (argument != null && GraphUtil.skipPi(GraphUtil.unproxify(argument)) instanceof AbstractNewObjectNode) {
                return true;
            }
        }
        return false;
    }
}

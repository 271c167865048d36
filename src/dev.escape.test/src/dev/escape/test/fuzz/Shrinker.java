package dev.escape.test.fuzz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import dev.escape.test.fuzz.Code.Block;
import dev.escape.test.fuzz.Code.Expr;
import dev.escape.test.fuzz.Code.Stmt;

/**
 * Greedy reduction of a failing program: deletes statements and members (halves first, then
 * smaller runs), replaces compound statements by one of their blocks, and expressions by a
 * same-typed operand or a literal, keeping each change under which the program still fails.
 * Changes that make invalid Java are rejected by the predicate (it cannot compile them).
 */
final class Shrinker {
    private final Predicate<Code> fails;
    private final int maxTrials;
    private final Set<String> tried = new HashSet<>();
    private int trials;

    /**
     * @param fails true if a candidate still compiles and still fails
     * @param maxTrials how many candidates to test at most
     */
    Shrinker(Predicate<Code> fails, int maxTrials) {
        this.fails = fails;
        this.maxTrials = maxTrials;
    }

    int trials() {
        return trials;
    }

    Code shrink(Code failing) {
        Code best = failing;
        boolean progress = true;
        while (progress && trials < maxTrials) {
            progress = false;
            List<Code> nodes = Code.nodes(best);
            for (int i = 0; i < nodes.size() && trials < maxTrials; i++) {
                Code smaller = firstThatFails(best, nodes.get(i));
                if (smaller != null) {
                    best = smaller;
                    nodes = Code.nodes(best);
                    progress = true;
                    i--; // the node at i changed: look at it again
                }
            }
        }
        return best;
    }

    private Code firstThatFails(Code root, Code node) {
        for (Code candidate : candidates(node)) {
            Code trial = Code.replace(root, node, candidate);
            if (tried.add(trial.render()) && trials++ < maxTrials && fails.test(trial)) {
                return trial;
            }
        }
        return null;
    }

    private static List<Code> candidates(Code node) {
        List<Code> out = new ArrayList<>();
        switch (node) {
            case Block b -> deletions(b, out);
            case Stmt s -> {
                for (Code kid : s.kids()) {
                    if (kid instanceof Block) {
                        out.add(kid);
                    }
                }
            }
            case Expr e -> {
                for (Code kid : e.kids()) {
                    if (kid instanceof Expr k && k.type().equals(e.type())) {
                        out.add(k);
                    }
                }
                Expr literal = literal(e.type());
                if (literal != null && !literal.template().equals(e.template())) {
                    out.add(literal);
                }
            }
        }
        return out;
    }

    /** The block without a run of its unpinned statements: halves first, single ones last. */
    private static void deletions(Block b, List<Code> out) {
        int n = b.kids().size();
        for (int run = Math.max(1, n / 2); run >= 1; run /= 2) {
            for (int start = 0; start < n; start += run) {
                List<Code> kept = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Code kid = b.kids().get(i);
                    if (i < start || i >= start + run || kid instanceof Stmt s && s.pinned()) {
                        kept.add(kid);
                    }
                }
                if (kept.size() < n) {
                    out.add(new Block(kept));
                }
            }
            if (run == 1) {
                break;
            }
        }
    }

    private static Expr literal(String type) {
        return switch (type) {
            case "int" -> new Expr("int", "0");
            case "long" -> new Expr("long", "0L");
            case "boolean" -> new Expr("boolean", "false");
            case "Fn" -> null;
            default -> new Expr(type, "((" + type + ") null)");
        };
    }
}

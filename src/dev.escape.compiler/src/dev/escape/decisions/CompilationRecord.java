package dev.escape.decisions;

import java.util.List;

/**
 * Everything escape decided in one compilation of one method.
 *
 * @param method the compiled (root) method, as {@code Class.name(descriptor)}
 * @param compilationId Graal's id of the compilation
 * @param analysis which analysis made the decisions ("graal" for Graal's own phase)
 * @param fallback why escape's own analysis did not run on this graph, or null when it did
 * @param before allocation nodes by kind when the phase started
 * @param after allocation nodes left when it ended, materializations included
 */
public record CompilationRecord(String method, String compilationId, String analysis, String fallback, Census.Counts before, Census.Counts after,
                List<SiteDecision> sites) {

    public long count(Decision decision) {
        return sites.stream().filter(s -> s.decision() == decision).count();
    }
}

package dev.escape.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.escape.decisions.AllocationSite;
import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.SiteDecision;

/**
 * What a recompilation decided differently from the compilation before it, for one site.
 *
 * @param before the decision in the earlier compilation, null for a site that is new
 * @param after the decision now, null for a site that no longer appears
 */
public record Change(AllocationSite site, Decision before, Decision after) {

    /**
     * Whether {@code current} is a later compilation than {@code previous}, so that changes between
     * them mean something: not when both are records of one compilation (Truffle's partial
     * evaluation analyzes a graph per inlined call target, each its own record).
     */
    public static boolean comparable(CompilationRecord previous, CompilationRecord current) {
        return previous != null && !previous.compilationId().equals(current.compilationId());
    }

    /** Sites whose decision differs between two compilations of one method, in graph order. */
    public static List<Change> between(CompilationRecord previous, CompilationRecord current) {
        Map<String, SiteDecision> old = byKey(previous);
        Map<String, SiteDecision> now = byKey(current);
        List<Change> changes = new ArrayList<>();
        now.forEach((key, s) -> {
            SiteDecision was = old.get(key);
            if (was == null || was.decision() != s.decision()) {
                changes.add(new Change(s.site(), was == null ? null : was.decision(), s.decision()));
            }
        });
        old.forEach((key, s) -> {
            if (!now.containsKey(key)) {
                changes.add(new Change(s.site(), s.decision(), null));
            }
        });
        return changes;
    }

    private static Map<String, SiteDecision> byKey(CompilationRecord r) {
        Map<String, SiteDecision> map = new LinkedHashMap<>();
        r.sites().forEach(s -> map.putIfAbsent(s.site().key(), s));
        return map;
    }

    /** {@code Foo.java:42: new Point: kept -> eliminated}. */
    public String describe() {
        return site.describe() + ": " + (before == null ? "new site" : before.text) + " -> " + (after == null ? "no longer in the graph" : after.text);
    }
}

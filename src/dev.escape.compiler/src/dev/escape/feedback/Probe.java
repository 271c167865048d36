package dev.escape.feedback;

import dev.escape.decisions.Materialization.Cause;

/**
 * A counter that instrumented code increments: at an allocation site (how often the site ran) or
 * at a materialization (how often an object of the site was made real there).
 *
 * @param key names the place across compilations ({@link Anchor})
 * @param slot the counter ({@link Counters})
 * @param cause for a materialization, why the analysis placed it; null for a site
 * @param atMerge for a materialization, true if it is at the end of a merge's predecessor: the merge
 *            needs the object real on this path (a cold path into it may be why)
 * @param besideReal for a materialization at a merge, true if another path into the merge made the
 *            object real: then a count can show that path cold whatever the paths did so far
 * @param call for a materialization at a call that was not inlined, the call ({@link Anchor#call}); else null
 * @param describe what the report says of the place: the site, or where and why it was materialized
 */
record Probe(String key, int slot, Cause cause, boolean atMerge, boolean besideReal, String call, String describe) {
}

package dev.escape.feedback;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What runtime feedback knows about one compiled method (one per OSR entry too): the counters
 * of its current instrumented code, the verdict of the last window that ended it, the calls to
 * inline, the speculations made, and the history the report shows. Compilations and the
 * {@link Monitor} share it: its methods synchronize.
 */
final class Unit {
    /** A cold or hot materialization as a window found it. */
    record Judged(Watched site, int index, long count, long siteCount) {
        Probe materialization() {
            return site.materializations.get(index);
        }
    }

    /**
     * What the window that ended the instrumented code found: the next compilation acts on it.
     * {@code idle}: every judged site was idle ({@link Feedback#IDLE_WINDOWS}) for that many windows in a
     * row, so the counters only cost time: the method is compiled without them from then on.
     */
    record Verdict(List<Judged> cold, List<Judged> hot, boolean idle) {
    }

    final String name;
    /** Instrumented sites of the code installed last, or empty. */
    private List<Watched> watched = List.of();
    /** Instrumented sites of earlier code, kept for the report's ranking. */
    private final List<Watched> retired = new ArrayList<>();
    private Verdict verdict;
    private final Set<String> callsToInline = new HashSet<>();
    /** The materializations this method speculated on, by key; one that may no longer be speculated on failed. */
    private final Map<String, FeedbackEvent> speculated = new HashMap<>();
    private final List<FeedbackEvent> history = new ArrayList<>();
    private int recompiles;
    /** The thresholds of the options of the compilation that instrumented the code last. */
    private long samples;
    private long coldPerMillion;
    private long hotPerMillion;
    /** A speculation failed: no more instrumentation or speculation. */
    private boolean failed;
    /** Its counters only cost time (see {@link Verdict}): no more instrumentation. */
    private boolean idle;

    Unit(String name) {
        this.name = name;
    }

    synchronized boolean failed() {
        return failed;
    }

    synchronized int recompiles() {
        return recompiles;
    }

    /** Starts a compilation: hands out the pending verdict, if any (then this is a feedback recompilation). */
    synchronized Verdict takeVerdict(int maxRecompiles) {
        Verdict v = verdict;
        verdict = null;
        if (v != null) {
            recompiles++;
            if (recompiles >= maxRecompiles) {
                history.add(new FeedbackEvent(recompiles, FeedbackEvent.Kind.LIMIT, null, null, -1, -1));
            }
        }
        return v;
    }

    /** The speculation on {@code key} failed: the method is compiled without speculation or instrumentation from now on. */
    synchronized void failed(String key) {
        FeedbackEvent on = speculated.remove(key);
        if (on != null) {
            failed = true;
            history.add(new FeedbackEvent(recompiles, FeedbackEvent.Kind.FAILED, on.site(), on.materialization(), -1, -1));
        }
    }

    synchronized Set<String> speculated() {
        return Set.copyOf(speculated.keySet());
    }

    /** A compilation speculated on {@code key}, as {@code event} says. */
    synchronized void speculatedOn(String key, FeedbackEvent event) {
        speculated.put(key, event);
        history.add(event);
    }

    synchronized void record(FeedbackEvent event) {
        history.add(event);
    }

    synchronized Set<String> callsToInline() {
        return Set.copyOf(callsToInline);
    }

    synchronized void thresholds(long siteRuns, long coldRuns, long hotRuns) {
        this.samples = siteRuns;
        this.coldPerMillion = coldRuns;
        this.hotPerMillion = hotRuns;
    }

    /** Instrumented code of this method is about to be installed: watch its counters from now on. */
    synchronized void watch(List<Watched> sites) {
        retired.addAll(watched);
        watched = List.copyOf(sites);
    }

    synchronized List<Watched> watched() {
        return watched;
    }

    /**
     * Called by the monitor after reading the counters: ends the window of each judged site that ran
     * often enough. If a site's window shows a cold materialization next to a hot one at a merge
     * (the merge may make the object real on the hot path because of the cold one), or a hot one at a
     * call that could be inlined, the instrumented code is ended ({@link #trigger}) so that the method is
     * recompiled with that verdict; otherwise the site starts a new window.
     */
    synchronized void judge() {
        if (verdict != null || failed) {
            return;
        }
        // Lists only when there is something to say: the monitor runs in the program's VM, where
        // allocation is what users measure.
        List<Judged> cold = null;
        List<Judged> hot = null;
        for (Watched w : watched) {
            if (!w.judged || w.siteWindow < samples) {
                continue;
            }
            boolean anyCold = false;
            boolean allCold = true;
            boolean hotMerge = false;
            boolean actionable = false;
            for (int i = 0; i < w.window.length; i++) {
                Probe m = w.materializations.get(i);
                long count = w.window[i];
                if (count * 1_000_000 <= coldPerMillion * w.siteWindow) {
                    anyCold = true;
                    continue;
                }
                allCold = false;
                if (count * 1_000_000 >= hotPerMillion * w.siteWindow) {
                    hotMerge |= m.atMerge();
                    if (m.call() != null && !callsToInline.contains(m.call())) {
                        hot = hot == null ? new ArrayList<>() : hot;
                        hot.add(new Judged(w, i, count, w.siteWindow));
                        actionable = true;
                    }
                }
            }
            if (anyCold && hotMerge) {
                actionable = true;
                cold = cold == null ? new ArrayList<>() : cold;
                for (int i = 0; i < w.window.length; i++) {
                    if (w.window[i] * 1_000_000 <= coldPerMillion * w.siteWindow) {
                        cold.add(new Judged(w, i, w.window[i], w.siteWindow));
                    }
                }
            }
            w.idleWindows = allCold || (!actionable && w.settled()) ? w.idleWindows + 1 : 0;
            w.newWindow();
        }
        if (cold != null || hot != null || allIdle()) {
            cold = cold == null ? List.of() : cold;
            hot = hot == null ? List.of() : hot;
            verdict = new Verdict(List.copyOf(cold), List.copyOf(hot), cold.isEmpty() && hot.isEmpty());
            for (Judged h : hot) {
                callsToInline.add(h.materialization().call());
            }
            trigger();
        }
    }

    /** True if every judged site has been idle for {@link Feedback#IDLE_WINDOWS} windows (and there is one). */
    private boolean allIdle() {
        boolean any = false;
        for (Watched w : watched) {
            if (w.judged) {
                if (w.idleWindows < Feedback.IDLE_WINDOWS) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** The counters of this method only cost time: the next compilation has none, nor any later one. */
    synchronized void idle() {
        if (!idle) {
            idle = true;
            history.add(new FeedbackEvent(recompiles, FeedbackEvent.Kind.IDLE, null, null, -1, -1));
        }
    }

    synchronized boolean instrumentable(int maxRecompiles) {
        return !failed && !idle && recompiles < maxRecompiles;
    }

    /**
     * Makes the instrumented code deoptimize (with {@code InvalidateRecompile}) the next time one
     * of its judged sites runs: each site's guard deoptimizes when its counter is negative. A racing
     * increment can overwrite the value; the next reading sees that and sets it again.
     */
    private void trigger() {
        for (Watched w : watched) {
            if (w.judged) {
                Counters.set(w.site.slot(), Long.MIN_VALUE / 2);
            }
        }
    }

    /** Called by the monitor while a verdict waits for its recompilation: ends the code again if an increment undid it. */
    synchronized void retrigger() {
        if (verdict != null) {
            for (Watched w : watched) {
                if (w.judged && Counters.get(w.site.slot()) >= 0) {
                    Counters.set(w.site.slot(), Long.MIN_VALUE / 2);
                }
            }
        }
    }

    synchronized boolean waiting() {
        return verdict != null;
    }

    /** For the report: every instrumented site of this method, with what its counters counted. */
    synchronized List<Watched> allWatched() {
        List<Watched> all = new ArrayList<>(retired);
        all.addAll(watched);
        return all;
    }

    synchronized List<FeedbackEvent> history() {
        return List.copyOf(history);
    }
}

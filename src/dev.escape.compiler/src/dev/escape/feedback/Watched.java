package dev.escape.feedback;

import java.util.List;

/**
 * One allocation site as instrumented code counts it, with its materializations, and the counts
 * of the window the {@link Monitor} is filling. Only the monitor thread touches the counts.
 */
final class Watched {
    final Probe site;
    /** False for a site whose materializations are counted for the report only (it has no site counter). */
    final boolean judged;
    final List<Probe> materializations;
    private long siteLast;
    long siteWindow;
    private final boolean settled;
    /** Windows in a row in which the site was idle ({@link Feedback#IDLE_WINDOWS}). */
    int idleWindows;
    private final long[] last;
    final long[] window;
    /** Everything counted since the code was installed, for the report's ranking. */
    long siteTotal;
    final long[] total;

    Watched(Probe site, boolean judged, List<Probe> materializations) {
        this.site = site;
        this.judged = judged;
        this.materializations = materializations;
        // Decided once: the monitor, which asks every window, runs in the program's VM and must not allocate.
        boolean any = false;
        for (Probe m : materializations) {
            any |= m.besideReal() || m.call() != null;
        }
        this.settled = !any;
        this.last = new long[materializations.size()];
        this.window = new long[materializations.size()];
        this.total = new long[materializations.size()];
    }

    /** Adds what the counters gained since the last reading (without allocating: the monitor runs in the program's VM). */
    void read() {
        if (judged) {
            long now = Counters.get(site.slot());
            if (now >= 0) { // negative: the monitor has set it to end the window
                long delta = Math.max(0, now - siteLast);
                siteLast = now;
                siteWindow += delta;
                siteTotal += delta;
            }
        }
        for (int i = 0; i < last.length; i++) {
            long now = Counters.get(materializations.get(i).slot());
            long delta = Math.max(0, now - last[i]);
            last[i] = now;
            window[i] += delta;
            total[i] += delta;
        }
    }

    /**
     * True if no materialization of the site is one a change of phase would most likely make
     * worth acting on: none at a merge where another path made the object real (that path may
     * turn cold, and the merge then keeps the object virtual on the hot one), none at a call
     * (which may turn hot). A window that finds nothing to act on then says the site has settled.
     */
    boolean settled() {
        return settled;
    }

    void newWindow() {
        siteWindow = 0;
        java.util.Arrays.fill(window, 0);
    }
}

package dev.escape.feedback;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The thread that reads the counters of instrumented code every {@code EscapeFeedbackPeriod}
 * milliseconds and ends a method's instrumented code when a window of counts shows something to
 * gain ({@link Unit#judge}). Reading from a thread of its own, rather than testing counts in
 * compiled code, keeps instrumented code to one increment per count plus one compare at the site
 * (no window logic, no reset stores on the hot path), and a window can end whenever the program
 * changes phase, not only after a fixed count. It allocates nothing while it polls: it runs in the
 * program's VM, whose allocation users measure. A daemon: it never keeps the VM alive.
 */
final class Monitor implements Runnable {
    private final CopyOnWriteArrayList<Unit> units = new CopyOnWriteArrayList<>();
    private final long period;

    Monitor(long period) {
        this.period = period;
    }

    void start() {
        Thread thread = new Thread(this, "escape feedback monitor");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    void add(Unit unit) {
        units.addIfAbsent(unit);
    }

    void clear() {
        units.clear();
    }

    @Override
    public void run() {
        while (true) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            poll();
        }
    }

    /** One reading of every unit's counters (also called directly by tests, for determinism). */
    synchronized void poll() {
        for (int i = 0; i < units.size(); i++) {
            Unit unit = units.get(i);
            if (unit.waiting()) {
                unit.retrigger();
                continue;
            }
            List<Watched> watched = unit.watched();
            for (int j = 0; j < watched.size(); j++) {
                watched.get(j).read();
            }
            unit.judge();
        }
    }
}

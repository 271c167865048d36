package dev.escape.test.fuzz;

import java.util.EnumMap;
import java.util.Map;

import dev.escape.decisions.Decision;
import dev.escape.test.harness.Compiled;

/**
 * What the generated methods gave the phase to do: allocation sites per decision, over all
 * compilations, and how many compilations had a site not simply kept. A fuzzer whose methods
 * never let the phase remove an allocation would test little.
 */
final class Coverage {
    private final Map<Decision, Long> sites = new EnumMap<>(Decision.class);
    private long compilations;
    private long removing;

    synchronized void add(Compiled compiled) {
        compilations++;
        for (Decision d : Decision.values()) {
            sites.merge(d, compiled.count(d), Long::sum);
        }
        if (compiled.count(Decision.ELIMINATED) + compiled.count(Decision.PARTIAL) > 0) {
            removing++;
        }
    }

    synchronized long compilations() {
        return compilations;
    }

    /** Compilations in which at least one allocation site was eliminated or partly eliminated. */
    synchronized long removing() {
        return removing;
    }

    @Override
    public synchronized String toString() {
        return compilations + " compilations (" + removing + " removed an allocation on some path); allocation sites: " + sites.getOrDefault(Decision.ELIMINATED, 0L) + " eliminated, " +
                        sites.getOrDefault(Decision.PARTIAL, 0L) + " partial, " + sites.getOrDefault(Decision.KEPT, 0L) + " kept";
    }
}

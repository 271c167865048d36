package dev.escape.feedback;

import java.util.ArrayList;
import java.util.List;

/**
 * What runtime feedback did to one compiled method and what its instrumented code counted, as
 * the report shows it.
 *
 * @param method {@code Foo.bar(int)}, with the OSR entry if it is one
 * @param recompiles feedback recompilations so far
 * @param events what they did, in order
 * @param counted each materialization instrumented code counted, with its site
 */
public record MethodFeedback(String method, int recompiles, List<FeedbackEvent> events, List<Counted> counted) {

    /**
     * Objects of {@code site} made real at {@code materialization} {@code allocations} times while
     * instrumented code ran, out of {@code siteRuns} runs of the site (-1 where the site itself was not counted).
     */
    public record Counted(String site, String materialization, long allocations, long siteRuns) {
    }

    static MethodFeedback of(Unit unit) {
        List<Counted> counted = new ArrayList<>();
        for (Watched w : unit.allWatched()) {
            for (int i = 0; i < w.materializations.size(); i++) {
                counted.add(new Counted(w.site.describe(), w.materializations.get(i).describe(), w.total[i], w.judged ? w.siteTotal : -1));
            }
        }
        return new MethodFeedback(unit.name, unit.recompiles(), unit.history(), counted);
    }
}

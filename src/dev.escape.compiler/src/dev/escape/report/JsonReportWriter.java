package dev.escape.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import dev.escape.decisions.Census;
import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.Frame;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.SiteDecision;
import dev.escape.feedback.FeedbackEvent;
import dev.escape.feedback.MethodFeedback;

/**
 * The report for tools. The field names are a stable interface, documented in
 * {@code docs/report-schema.md}: add fields, never rename or remove them without a new version.
 */
final class JsonReportWriter {
    static final String SCHEMA = "escape-report";
    static final int VERSION = 1;

    private JsonReportWriter() {
    }

    static void write(Report report, PrintWriter out) {
        Json json = new Json(out);
        json.beginObject().field("schema", SCHEMA).field("version", VERSION);
        json.field("filter", report.filter()).field("filteredOutCompilations", report.filteredOut()).field("noMethodMatched", report.noMethodMatched());
        json.field("message", report.noMethodMatched() ? report.noMatchMessage() : null).field("sitesRecorded", report.sitesRecorded());
        summary(json, report);
        feedback(json, report);
        json.name("compilations").beginArray();
        for (Report.MethodReport method : report.methods()) {
            List<CompilationRecord> compilations = method.compilations();
            for (int n = 0; n < compilations.size(); n++) {
                compilation(json, report, compilations.get(n), n == 0 ? null : compilations.get(n - 1), n + 1);
            }
        }
        json.endArray().endObject();
    }

    private static void summary(Json json, Report report) {
        Map<Decision, Long> counts = report.countsByDecision();
        json.name("summary").beginObject().field("compilations", report.compilations()).field("sites", report.allSites().size());
        for (Decision d : Decision.values()) {
            json.field(Report.decisionId(d), counts.get(d));
        }
        json.name("keptByCause").beginArray();
        report.keptByCause().forEach((cause, sites) -> json.beginObject().field("cause", cause).field("sites", sites).endObject());
        json.endArray().endObject();
    }

    /** Runtime feedback: always there, with empty arrays when it did not run. */
    private static void feedback(Json json, Report report) {
        json.name("feedback").beginObject();
        json.name("allocationsCounted").beginArray();
        for (Report.CountedSite s : report.allocationsCounted()) {
            json.beginObject().field("method", s.method()).field("site", s.site()).field("allocations", s.allocations());
            count(json, "siteRuns", s.siteRuns());
            json.name("materializations").beginArray();
            for (Report.CountedAt m : s.materializations()) {
                json.beginObject().field("materialization", m.materialization()).field("allocations", m.allocations());
                count(json, "siteRuns", m.siteRuns());
                json.endObject();
            }
            json.endArray().endObject();
        }
        json.endArray();
        json.name("methods").beginArray();
        for (MethodFeedback f : report.feedback()) {
            json.beginObject().field("method", f.method()).field("recompiles", f.recompiles());
            json.name("events").beginArray();
            for (FeedbackEvent e : f.events()) {
                json.beginObject().field("recompile", e.recompile()).field("kind", e.kind().name()).field("site", e.site()).field("materialization", e.materialization());
                count(json, "count", e.count());
                count(json, "siteCount", e.siteCount());
                json.field("description", e.describe()).endObject();
            }
            json.endArray();
            json.name("counted").beginArray();
            for (MethodFeedback.Counted c : f.counted()) {
                json.beginObject().field("site", c.site()).field("materialization", c.materialization()).field("allocations", c.allocations());
                count(json, "siteRuns", c.siteRuns());
                json.endObject();
            }
            json.endArray().endObject();
        }
        json.endArray().endObject();
    }

    /** A count, or null where it is -1 (not counted). */
    private static void count(Json json, String name, long value) {
        json.name(name);
        if (value >= 0) {
            json.value(value);
        } else {
            json.value((String) null);
        }
    }

    private static void compilation(Json json, Report report, CompilationRecord r, CompilationRecord previous, int ordinal) {
        json.beginObject().field("method", r.method()).field("compilationId", r.compilationId()).field("ordinal", ordinal);
        json.field("analysis", r.analysis()).field("fallback", r.fallback());
        count(json, "feedbackRecompile", r.feedback() != null ? r.feedback().recompile() : -1);
        counts(json.name("before"), r.before());
        counts(json.name("after"), r.after());
        json.name("changes");
        if (!Change.comparable(previous, r)) {
            json.value((String) null);
        } else {
            json.beginArray();
            for (Change c : Change.between(previous, r)) {
                json.beginObject().field("key", c.site().key()).field("site", c.site().describe());
                json.field("before", c.before() == null ? null : Report.decisionId(c.before())).field("after", c.after() == null ? null : Report.decisionId(c.after())).endObject();
            }
            json.endArray();
        }
        json.name("sites").beginArray();
        for (SiteDecision s : r.sites()) {
            site(json, report, r, s);
        }
        json.endArray().endObject();
    }

    private static void counts(Json json, Census.Counts c) {
        json.beginObject().field("allocations", c.allocations()).field("newInstances", c.newInstances()).field("newArrays", c.newArrays());
        json.field("boxes", c.boxes()).field("other", c.other()).field("materialized", c.materialized()).field("virtualObjects", c.virtualObjects()).endObject();
    }

    private static void site(Json json, Report report, CompilationRecord r, SiteDecision s) {
        json.beginObject().field("key", s.site().key()).field("type", s.site().type()).field("kind", s.site().kind().name());
        json.field("description", report.describe(r, s));
        frames(json, "frames", s.site().frames());
        json.field("guest", s.site().guest());
        json.field("source", report.sources().line(s.site().origin()));
        json.field("decision", Report.decisionId(s.decision())).field("copies", s.copies()).field("reason", s.reason());
        json.name("explanation").beginArray();
        s.explanation().forEach(json::value);
        json.endArray();
        json.name("feedback").beginArray();
        report.feedbackNotes(r, s).forEach(json::value);
        json.endArray();
        json.name("rewrites").beginArray();
        s.rewrites().forEach(json::value);
        json.endArray();
        json.name("materializations").beginArray();
        for (Materialization m : s.materializations()) {
            json.beginObject();
            frames(json, "at", m.at());
            json.field("cause", m.cause().name()).field("causeText", m.cause().text).field("detail", m.detail());
            json.field("holderSite", m.holder() == null ? null : m.holder().key());
            json.name("holderChain").beginArray();
            m.holders().forEach(h -> json.value(h.key()));
            json.endArray().field("key", m.key(s.site()));
            json.field("description", m.describe()).endObject();
        }
        json.endArray().endObject();
    }

    /** The chain as {@code name} (the frames {@link Frame#shown} lists) and {@code nameOmitted}, how many it left out. */
    private static void frames(Json json, String name, List<Frame> chain) {
        json.name(name).beginArray();
        for (Frame f : Frame.shown(chain)) {
            json.beginObjectOnOneLine().field("class", f.className()).field("method", f.methodName()).field("signature", f.signature()).field("bci", f.bci());
            json.field("file", f.fileName()).name("line");
            if (f.line() >= 0) {
                json.value(f.line());
            } else {
                json.value((String) null);
            }
            json.endObject();
        }
        json.endArray().field(name + "Omitted", Frame.omitted(chain));
    }
}

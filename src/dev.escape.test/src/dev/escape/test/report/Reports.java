package dev.escape.test.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.escape.decisions.AllocationKind;
import dev.escape.decisions.AllocationSite;
import dev.escape.decisions.Census;
import dev.escape.decisions.CompilationRecord;
import dev.escape.decisions.Decision;
import dev.escape.decisions.Frame;
import dev.escape.decisions.Materialization;
import dev.escape.decisions.SiteDecision;
import dev.escape.report.Report;
import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;
import dev.escape.test.corpus.Basics;
import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.GraalHarness;
import dev.escape.test.harness.Slot;

/** Inputs for the report tests: real compilations, and records that Graal's analysis cannot make yet. */
final class Reports {
    static final Path TEST_SOURCES = ChildProcess.ROOT.resolve("src/dev.escape.test/src");

    private Reports() {
    }

    /** One compilation per decision kind: two real ones, and {@link #partialWithAwkwardNames()}. */
    record ThreeKinds(CompilationRecord eliminated, CompilationRecord kept, CompilationRecord partial) {
        static ThreeKinds compile() {
            return new ThreeKinds(Reports.compile("localPoint"), Reports.compile("storedToStatic"), partialWithAwkwardNames());
        }

        /** Rendered with the test sources on the source path. */
        String render(ReportFormat format) {
            return Reports.render(format, List.of(eliminated, kept, partial), null, SourceLines.of(TEST_SOURCES.toString()));
        }
    }

    static String render(ReportFormat format, List<CompilationRecord> records, String filter, SourceLines sources) {
        return render(format, Report.of(records, 3, filter, sources));
    }

    static String render(ReportFormat format, Report report) {
        StringWriter text = new StringWriter();
        format.write(report, new PrintWriter(text));
        return text.toString();
    }

    static CompilationRecord compile(String method) {
        return GraalHarness.compile(Basics.class, method, Slot.ESCAPE).record();
    }

    /** The line of Basics.java that contains {@code text}, read from the source (1-based). */
    static int lineOf(String text) throws java.io.IOException {
        List<String> lines = Files.readAllLines(TEST_SOURCES.resolve("dev/escape/test/corpus/Basics.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in Basics.java");
    }

    /**
     * A compilation with a partial decision whose materializations name a call and a holder, and
     * whose names need escaping in every format (quotes, markup, a backslash, non-ASCII, a control
     * character).
     */
    static CompilationRecord partialWithAwkwardNames() {
        String cls = "p.Odd\"<Name>&\\é";
        Frame alloc = new Frame(cls, "make", "(I)V", 4, "Odd.java", 12);
        Frame call = new Frame(cls, "make", "(I)V", 9, "Odd.java", 14);
        Frame store = new Frame(cls, "make", "(I)V", 15, null, -1);
        AllocationSite site = new AllocationSite(cls, AllocationKind.NEW_INSTANCE, List.of(alloc));
        AllocationSite holder = new AllocationSite("p.Holder", AllocationKind.NEW_INSTANCE, List.of(new Frame(cls, "make", "(I)V", 1, "Odd.java", 11)));
        List<Materialization> ms = List.of(new Materialization(List.of(call), Materialization.Cause.CALL, "Log.log(Object) <too large>\u0001"),
                        new Materialization(List.of(store), Materialization.Cause.HOLDER_ESCAPED, null, List.of(holder)));
        Census.Counts before = new Census.Counts(2, 0, 0, 0, 0, 0);
        Census.Counts after = new Census.Counts(0, 0, 0, 0, 2, 1);
        return new CompilationRecord(cls + ".make(int)", "HotSpotCompilation-\"7\"", "escape", null, before, after,
                        List.of(new SiteDecision(site, Decision.PARTIAL, 1, null, ms)));
    }
}

package dev.escape.integration;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.escape.decisions.DecisionLog;
import dev.escape.report.Report;
import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;
import jdk.graal.compiler.options.OptionValues;

/** Writes the decision report when the VM exits, if {@code -Djdk.graal.EscapeReport} asks for one. */
final class ReportAtExit {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private ReportAtExit() {
    }

    static void installOnce(OptionValues options) {
        String format = EscapeOptions.EscapeReport.getValue(options);
        if (format == null || !INSTALLED.compareAndSet(false, true)) {
            return;
        }
        ReportFormat reportFormat = ReportFormat.parse(format);
        Path file = Path.of(EscapeOptions.EscapeReportFile.getValue(options));
        String filter = EscapeOptions.EscapeMethods.getValue(options);
        SourceLines sources = SourceLines.of(EscapeOptions.EscapeSourcePath.getValue(options));
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> write(reportFormat, file, filter, sources), "escape-report"));
        } catch (IllegalStateException e) {
            // The VM is already shutting down; nothing more will be compiled.
        }
    }

    private static void write(ReportFormat format, Path file, String filter, SourceLines sources) {
        DecisionLog log = DecisionLog.global();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            format.write(Report.of(log.snapshot(), log.filteredOut(), filter, sources), out);
        } catch (IOException | RuntimeException e) {
            System.err.println("escape: cannot write the report to " + file + ": " + e);
        }
    }
}

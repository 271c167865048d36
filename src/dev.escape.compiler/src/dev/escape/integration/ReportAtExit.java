package dev.escape.integration;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.escape.decisions.DecisionLog;
import dev.escape.feedback.Feedback;
import dev.escape.report.Report;
import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;
import jdk.graal.compiler.options.OptionValues;

/**
 * Writes the decision report, with what runtime feedback counted and did, when the VM exits, if
 * {@code -Djdk.graal.EscapeReport} asks for one, and, with {@code EscapeReportInterval}, every few
 * seconds while the program runs. Each write replaces the file atomically, so a reader never sees
 * half a report.
 */
final class ReportAtExit {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private ReportAtExit() {
    }

    private record Target(ReportFormat format, Path file, String filter, SourceLines sources, boolean sites) {
    }

    static void installOnce(OptionValues options) {
        String format = EscapeOptions.EscapeReport.getValue(options);
        if (format == null || !INSTALLED.compareAndSet(false, true)) {
            return;
        }
        Target target = new Target(ReportFormat.parse(format), Path.of(EscapeOptions.EscapeReportFile.getValue(options)).toAbsolutePath(),
                        EscapeOptions.EscapeMethods.getValue(options), SourceLines.of(EscapeOptions.EscapeSourcePath.getValue(options)),
                        EscapeOptions.EscapeReportSites.getValue(options));
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> write(target), "escape-report"));
        } catch (IllegalStateException e) {
            // The VM is already shutting down; nothing more will be compiled.
            return;
        }
        int seconds = EscapeOptions.EscapeReportInterval.getValue(options);
        if (seconds > 0) {
            Thread periodic = new Thread(() -> everyFewSeconds(target, seconds), "escape-report-interval");
            periodic.setDaemon(true);
            periodic.start();
        }
    }

    private static void everyFewSeconds(Target target, int seconds) {
        try {
            while (true) {
                Thread.sleep(seconds * 1000L);
                write(target);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void write(Target target) {
        DecisionLog log = DecisionLog.global();
        Path file = target.file();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.getParent(), ".escape-report", ".tmp");
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(tmp))) {
                target.format().write(Report.of(log.snapshot(), log.filteredOut(), target.filter(), target.sources(), Feedback.methods(), target.sites()), out);
                if (out.checkError()) {
                    throw new IOException("write failed (disk full?)");
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("escape: cannot write the report to " + file + ": " + e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** After a successful move there is nothing left to delete. */
    private static void deleteQuietly(Path tmp) {
        try {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // A stray temporary file next to the report is harmless.
        }
    }
}

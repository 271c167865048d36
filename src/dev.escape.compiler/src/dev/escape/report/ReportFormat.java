package dev.escape.report;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The three ways to write a {@link Report}: for people, for tools, for a browser. */
public enum ReportFormat {
    TEXT(TextReportWriter::write),
    JSON(JsonReportWriter::write),
    HTML(HtmlReportWriter::write);

    /** Writes one report; each format is a writer over the same model. */
    @FunctionalInterface
    interface Writer {
        void write(Report report, PrintWriter out);
    }

    private final Writer writer;

    ReportFormat(Writer writer) {
        this.writer = writer;
    }

    /** The name users type: {@code text}, {@code json}, {@code html}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ReportFormat::id).toList();
    }

    /** @throws IllegalArgumentException with one line naming the choices */
    public static ReportFormat parse(String id) {
        for (ReportFormat f : values()) {
            if (f.id().equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + id + "'; choose one of " + ids());
    }

    public void write(Report report, PrintWriter out) {
        writer.write(report, out);
        out.flush();
    }
}

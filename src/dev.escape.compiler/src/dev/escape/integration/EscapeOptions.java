package dev.escape.integration;

import jdk.graal.compiler.options.OptionKey;

/**
 * escape's options, set like Graal's own: {@code -Djdk.graal.EscapeReport=text}. They are
 * registered through {@link EscapeOptionDescriptors}, so Graal rejects misspelled ones.
 */
public final class EscapeOptions {
    private EscapeOptions() {
    }

    /** Report format written when the VM exits ({@code text}); unset for no report. */
    public static final OptionKey<String> EscapeReport = new OptionKey<>(null);
    /** Where the report goes. */
    public static final OptionKey<String> EscapeReportFile = new OptionKey<>("escape-report.txt");
    /** Graal method filter ({@code Class.method,Other.*}) limiting which compilations are recorded. */
    public static final OptionKey<String> EscapeMethods = new OptionKey<>(null);
    /**
     * Which analysis runs in the escape slot: {@code escape} (escape's own, with Graal's phase as
     * the fallback; the default) or {@code graal} (Graal's phase only, for comparison).
     */
    public static final OptionKey<String> EscapeAnalysis = new OptionKey<>("escape");
}

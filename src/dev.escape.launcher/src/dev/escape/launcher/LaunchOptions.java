package dev.escape.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code escape java} that come before the program's own JVM arguments. Parsing
 * stops at the first argument that is not one of ours; everything from there on goes to
 * {@code java} untouched.
 *
 * @param sites false for a report of compilations without their allocation sites ({@code --no-sites})
 * @param consumed how many leading arguments were ours
 */
public record LaunchOptions(JitConfig config, String reportFormat, Path reportFile, int reportEvery, boolean sites, String methods, String sourcePath, Path dumpDir, int consumed) {

    /** The formats of {@code dev.escape.report.ReportFormat} (a test keeps the two in step). */
    public static final List<String> REPORT_FORMATS = List.of("text", "json", "html");
    /** Where {@code --dump} without a directory writes. */
    static final String DEFAULT_DUMP_DIR = "escape-dumps";

    public static LaunchOptions parse(List<String> args) throws LaunchError {
        JitConfig config = JitConfig.ESCAPE;
        String reportFormat = null;
        Path reportFile = null;
        int reportEvery = 0;
        boolean sites = true;
        String methods = null;
        String sourcePath = null;
        Path dumpDir = null;
        int i = 0;
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--config=")) {
                config = JitConfig.parse(value(arg));
            } else if (arg.equals("--report")) {
                reportFormat = "text";
            } else if (arg.startsWith("--report=")) {
                reportFormat = value(arg);
                if (!REPORT_FORMATS.contains(reportFormat)) {
                    throw new LaunchError("unknown report format '" + reportFormat + "'; choose one of " + REPORT_FORMATS);
                }
            } else if (arg.startsWith("--report-file=")) {
                reportFile = Path.of(value(arg)).toAbsolutePath().normalize();
            } else if (arg.startsWith("--methods=")) {
                methods = value(arg);
                if (methods.isBlank()) {
                    throw new LaunchError("--methods needs a filter, e.g. --methods=Foo.bar,Baz.*");
                }
            } else if (arg.startsWith("--report-every=")) {
                reportEvery = seconds(value(arg));
            } else if (arg.equals("--no-sites")) {
                sites = false;
            } else if (arg.startsWith("--source-path=")) {
                sourcePath = value(arg);
            } else if (arg.equals("--dump")) {
                dumpDir = Path.of(DEFAULT_DUMP_DIR).toAbsolutePath();
            } else if (arg.startsWith("--dump=")) {
                dumpDir = Path.of(value(arg)).toAbsolutePath().normalize();
            } else if (arg.equals("--config") || arg.equals("--report-file") || arg.equals("--methods") || arg.equals("--source-path") ||
                            arg.equals("--report-every")) {
                throw new LaunchError(arg + " takes its value after '=', e.g. " + arg + "=...");
            } else {
                break;
            }
        }
        if ((reportFile != null || reportEvery > 0 || !sites) && reportFormat == null) {
            reportFormat = "text";
        }
        if (reportFormat != null && reportFile == null) {
            reportFile = Path.of("escape-report." + (reportFormat.equals("text") ? "txt" : reportFormat)).toAbsolutePath();
        }
        if ((reportFormat != null || methods != null || dumpDir != null) && config != JitConfig.ESCAPE && config != JitConfig.ESCAPE_NOFEEDBACK) {
            throw new LaunchError("--report, --methods and --dump need --config=escape or escape-nofeedback (the decisions are made by escape's phase), not --config=" + config.id);
        }
        if (dumpDir != null && !sites) {
            throw new LaunchError("--no-sites cannot go with --dump: the dumps show each allocation site's decision");
        }
        if (dumpDir != null && methods == null) {
            throw new LaunchError("--dump needs --methods=FILTER (dumping every compilation would write thousands of files)");
        }
        return new LaunchOptions(config, reportFormat, reportFile, reportEvery, sites, methods, sourcePath, dumpDir, i);
    }

    private static int seconds(String value) throws LaunchError {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // Reported below, like zero and negative values.
        }
        throw new LaunchError("--report-every needs a whole number of seconds > 0, not '" + value + "'");
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}

package dev.escape.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code escape java} that come before the program's own JVM arguments. Parsing
 * stops at the first argument that is not one of ours; everything from there on goes to
 * {@code java} untouched.
 *
 * @param consumed how many leading arguments were ours
 */
public record LaunchOptions(JitConfig config, String reportFormat, Path reportFile, String methods, int consumed) {

    static final List<String> REPORT_FORMATS = List.of("text");

    public static LaunchOptions parse(List<String> args) throws LaunchError {
        JitConfig config = JitConfig.ESCAPE;
        String reportFormat = null;
        Path reportFile = null;
        String methods = null;
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
            } else if (arg.equals("--config") || arg.equals("--report-file") || arg.equals("--methods")) {
                throw new LaunchError(arg + " takes its value after '=', e.g. " + arg + "=...");
            } else {
                break;
            }
        }
        if (reportFile != null && reportFormat == null) {
            reportFormat = "text";
        }
        if (reportFormat != null && reportFile == null) {
            reportFile = Path.of("escape-report.txt").toAbsolutePath();
        }
        if ((reportFormat != null || methods != null) && config != JitConfig.ESCAPE) {
            throw new LaunchError("--report and --methods need --config=escape (the decisions are made by escape's phase), not --config=" + config.id);
        }
        return new LaunchOptions(config, reportFormat, reportFile, methods, i);
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}

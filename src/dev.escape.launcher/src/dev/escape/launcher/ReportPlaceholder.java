package dev.escape.launcher;

/**
 * What the report file says until the VM writes the real report: if the program exits before
 * Graal compiles anything, escape's code never loads and this stays. It is a valid document of
 * the chosen format (same JSON fields as an empty report, see docs/report-schema.md), so tools
 * reading it do not fail.
 */
public final class ReportPlaceholder {
    static final String MESSAGE = "no method was compiled by the escape configuration (the program exited first)";

    private ReportPlaceholder() {
    }

    /**
     * @param methods the {@code --methods} filter, or null
     * @param sites false for a report without sites ({@code --no-sites})
     */
    public static String content(String format, String methods, boolean sites) {
        return switch (format) {
            case "json" -> """
                            {
                              "schema": "escape-report",
                              "version": 1,
                              "filter": %s,
                              "filteredOutCompilations": 0,
                              "noMethodMatched": %b,
                              "message": "%s",
                              "sitesRecorded": %b,
                              "summary": {"compilations": 0, "sites": 0, "eliminated": 0, "partial": 0, "kept": 0, "keptByCause": []},
                              "feedback": {"allocationsCounted": [], "methods": []},
                              "compilations": []
                            }
                            """.formatted(methods == null ? "null" : jsonString(methods), methods != null, MESSAGE, sites);
            case "html" -> """
                            <?xml version="1.0" encoding="UTF-8"?>
                            <!DOCTYPE html>
                            <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="UTF-8"/><title>escape report</title></head>
                            <body><h1>escape report</h1><p id="summary">%s</p></body></html>
                            """.formatted(MESSAGE);
            default -> "escape: " + MESSAGE + "\n";
        };
    }

    /** A JSON string literal; {@code --methods} filters are printable, but may hold quotes or backslashes. */
    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}

package dev.escape.bench.report;

import java.util.Locale;

/**
 * An SVG chart of one run, drawn by hand (no dependency): per benchmark one bar per configuration,
 * left the allocation in B/op (log scale), right the throughput ratio against the baseline (log
 * scale around 1). Every bar has a tooltip with its exact value.
 */
final class Chart {
    private static final String[] COLORS = {"#d62728", "#1f77b4", "#aec7e8", "#2ca02c", "#98df8a", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int PANEL_W = 440;
    private static final int GAP = 90;
    private static final int TOP = 110;
    private static final int BAR_H = 7;

    private Chart() {
    }

    static String svg(Results r, String title) {
        int n = r.configs.size();
        int rowH = n * BAR_H + 10;
        int labelW = 20 + 7 * r.benchmarks.stream().mapToInt(String::length).max().orElse(10);
        int height = TOP + r.benchmarks.size() * rowH + 40;
        int width = labelW + 2 * PANEL_W + GAP + 30;
        int xa = labelW;
        int xb = labelW + PANEL_W + GAP;

        double maxBytes = 1;
        double maxLog2 = 1;
        for (String b : r.benchmarks) {
            Results.Cell base = r.cell(b, r.baseline);
            for (String c : r.configs) {
                Results.Cell cell = r.cell(b, c);
                if (cell == null) {
                    continue;
                }
                if (!Double.isNaN(cell.bytesPerOp())) {
                    maxBytes = Math.max(maxBytes, cell.bytesPerOp());
                }
                if (base != null && base.opsPerSecond() > 0 && cell.opsPerSecond() > 0) {
                    maxLog2 = Math.max(maxLog2, Math.abs(log2(cell.opsPerSecond() / base.opsPerSecond())));
                }
            }
        }
        int decades = Math.max(2, (int) Math.ceil(Math.log10(maxBytes + 1)));
        int halfRange = Math.min(5, (int) Math.ceil(maxLog2));

        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
                        width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
        text(s, 10, 22, esc(title), "font-size=\"15\" font-weight=\"bold\"");
        // legend
        int lx = 10;
        for (int i = 0; i < n; i++) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"36\" width=\"12\" height=\"12\" fill=\"%s\"/>", lx, color(i)));
            String label = r.configs.get(i) + (r.configs.get(i).equals(r.baseline) ? " (baseline)" : "");
            text(s, lx + 16, 46, esc(label), "");
            lx += 30 + label.length() * 7;
        }
        // Without the JIT compiler's share when it was measured (see the tables).
        String allocation = r.jitMeasured() ? "Allocation by the benchmark, B/op" : "Allocation: gc.alloc.rate.norm, B/op";
        text(s, xa, 74, allocation + " (log scale; lower is better)", "font-weight=\"bold\"");
        text(s, xb, 74, "Throughput ratio against " + esc(r.baseline) + " (log scale; right is faster)", "font-weight=\"bold\"");

        // rows
        for (int i = 0; i < r.benchmarks.size(); i++) {
            int y = TOP + i * rowH;
            if (i % 2 == 0) {
                s.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f3f3f3\"/>\n", y, width, rowH));
            }
            text(s, labelW - 8, y + rowH / 2 + 4, esc(r.benchmarks.get(i)), "text-anchor=\"end\"");
        }
        int bottom = TOP + r.benchmarks.size() * rowH;
        // axes and grid: allocation
        for (int d = 0; d <= decades; d++) {
            double x = xa + PANEL_W * (double) d / decades;
            String label = d == 0 ? "0" : formatPow10(d);
            gridLine(s, x, bottom, d == 0);
            text(s, (int) x, TOP - 6, label, "text-anchor=\"middle\" fill=\"#555\"");
            text(s, (int) x, bottom + 14, label, "text-anchor=\"middle\" fill=\"#555\"");
        }
        // axes and grid: throughput ratio
        for (int e = -halfRange; e <= halfRange; e++) {
            double x = xb + PANEL_W * (e + halfRange) / (2.0 * halfRange);
            String label = e >= 0 ? "×" + (1 << e) : "×1/" + (1 << -e);
            gridLine(s, x, bottom, e == 0);
            text(s, (int) x, TOP - 6, label, "text-anchor=\"middle\" fill=\"#555\"");
            text(s, (int) x, bottom + 14, label, "text-anchor=\"middle\" fill=\"#555\"");
        }
        // bars
        for (int i = 0; i < r.benchmarks.size(); i++) {
            String bench = r.benchmarks.get(i);
            Results.Cell base = r.cell(bench, r.baseline);
            for (int k = 0; k < n; k++) {
                String c = r.configs.get(k);
                Results.Cell cell = r.cell(bench, c);
                int y = TOP + i * rowH + 5 + k * BAR_H;
                if (cell == null) {
                    text(s, xa + 3, y + BAR_H - 1, "failed (" + esc(c) + ")", "font-size=\"7\" fill=\"" + color(k) + "\"");
                    continue;
                }
                if (!Double.isNaN(cell.bytesPerOp())) {
                    double w = PANEL_W * Math.log10(Math.max(cell.bytesPerOp(), 0) + 1) / decades;
                    bar(s, xa, y, Math.max(w, 0.5), color(k), bench + " " + c + ": " + ReportWriter.formatBytes(cell.bytesPerOp()) + " B/op");
                }
                if (base != null && base.opsPerSecond() > 0 && cell.opsPerSecond() > 0) {
                    double ratio = cell.opsPerSecond() / base.opsPerSecond();
                    double l = Math.max(-halfRange, Math.min(halfRange, log2(ratio)));
                    double mid = xb + PANEL_W / 2.0;
                    double end = mid + PANEL_W * l / (2.0 * halfRange);
                    bar(s, Math.min(mid, end), y, Math.max(Math.abs(end - mid), 0.5), color(k),
                                    bench + " " + c + ": " + ReportWriter.formatOps(cell.opsPerSecond()) + " ops/s, ×" + ReportWriter.ratio(ratio) + " of " + r.baseline);
                }
            }
        }
        text(s, 10, height - 8, "Bars are per configuration in legend order; hover a bar for its value. Allocation axis is log10(B/op + 1).", "fill=\"#555\"");
        s.append("</svg>\n");
        return s.toString();
    }

    private static String formatPow10(int d) {
        return switch (d) {
            case 1 -> "10";
            case 2 -> "100";
            case 3 -> "1k";
            case 4 -> "10k";
            case 5 -> "100k";
            case 6 -> "1M";
            default -> "1e" + d;
        };
    }

    private static void gridLine(StringBuilder s, double x, int bottom, boolean strong) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"/>\n", x, TOP, x, bottom, strong ? "#333" : "#ccc",
                        strong ? "1" : "0.7"));
    }

    private static void bar(StringBuilder s, double x, int y, double w, String color, String tooltip) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n", x, y, w, BAR_H - 1, color, esc(tooltip)));
    }

    private static void text(StringBuilder s, int x, int y, String content, String attrs) {
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s>%s</text>\n", x, y, attrs, content));
    }

    private static String color(int i) {
        return COLORS[i % COLORS.length];
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package dev.escape.report;

import java.util.List;

/**
 * The two inline SVG pictures of the HTML report: a horizontal bar chart, and the path from an
 * allocation to the points where it was materialized. Text widths are estimated (no fonts here).
 */
final class Svg {
    private static final String NS = "http://www.w3.org/2000/svg";
    private static final int CHAR_WIDTH = 8;
    private static final int ROW = 22;

    record Bar(String label, long value, String cssClass) {
    }

    record Step(String label, String cause) {
    }

    private Svg() {
    }

    static String barChart(String title, List<Bar> bars) {
        int labelWidth = 10 + CHAR_WIDTH * bars.stream().mapToInt(b -> b.label().length()).max().orElse(1);
        int barWidth = 300;
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int height = ROW * bars.size() + 8;
        StringBuilder sb = open(labelWidth + barWidth + 60, height, title);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 4 + i * ROW;
            long w = Math.round(barWidth * (double) b.value() / max);
            sb.append(text(labelWidth - 6, y + 15, "end", b.label()));
            sb.append(String.format("<rect class=\"bar %s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", Xml.escape(b.cssClass()), labelWidth, y + 2, w, ROW - 6));
            sb.append(text(labelWidth + (int) w + 6, y + 15, "start", Long.toString(b.value())));
        }
        return sb.append("</svg>").toString();
    }

    /** The allocation in a box at the top; each materialization point below it, with its cause on the arrow. */
    static String path(String allocation, List<Step> steps) {
        int longest = allocation.length();
        for (Step s : steps) {
            longest = Math.max(longest, Math.max(s.label().length(), s.cause().length() + 4));
        }
        int width = 20 + CHAR_WIDTH * longest;
        int height = 30 + steps.size() * 60;
        StringBuilder sb = open(width + 20, height, "path from " + allocation + " to where it was materialized");
        sb.append(box(4, 4, width, "alloc", allocation));
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int top = 4 + 22 + i * 60;
            sb.append(String.format("<line class=\"arrow\" x1=\"20\" y1=\"%d\" x2=\"20\" y2=\"%d\"/>", top, top + 30));
            sb.append(String.format("<path class=\"arrowhead\" d=\"M15,%d L25,%d L20,%d z\"/>", top + 28, top + 28, top + 36));
            sb.append(text(28, top + 21, "start", s.cause()));
            sb.append(box(4, top + 36, width, "materialized", s.label()));
        }
        return sb.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("<svg xmlns=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", NS, width, height, width, height));
        sb.append("<title>").append(Xml.escape(title)).append("</title>");
        return sb;
    }

    private static String box(int x, int y, int width, String cssClass, String label) {
        return String.format("<rect class=\"box %s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" rx=\"3\"/>", cssClass, x, y, width) + text(x + 6, y + 14, "start", label);
    }

    private static String text(int x, int y, String anchor, String s) {
        return String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, y, anchor, Xml.escape(s));
    }
}

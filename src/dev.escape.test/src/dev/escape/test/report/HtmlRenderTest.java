package dev.escape.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;

/**
 * The HTML report as a browser draws it: headless Chromium renders it to a PNG, which must show
 * the report (not a blank page) with the red of a kept site. Skipped where Chromium is not
 * installed ({@code apt-get install chromium}); nothing else depends on it.
 */
class HtmlRenderTest {
    private static final int KEPT_RED = 0xc0392b;

    @Test
    void rendersToANonBlankPicture(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = findChromium();
        assumeTrue(chromium.isPresent(), "chromium is not installed");
        Path html = dir.resolve("report.html");
        Files.writeString(html, Reports.render(ReportFormat.HTML, List.of(Reports.compile("localPoint"), Reports.compile("storedToStatic")), null,
                        SourceLines.of(Reports.TEST_SOURCES.toString())));
        Path png = dir.resolve("report.png");
        Process p = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,900",
                        "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png, html.toUri().toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "chromium finished");
        assertEquals(0, p.exitValue(), () -> readQuietly(dir.resolve("chromium.log")));

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        Set<Integer> colors = new HashSet<>();
        long ink = 0;
        boolean red = false;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colors.add(rgb);
                ink += rgb != 0xffffff ? 1 : 0;
                red |= rgb == KEPT_RED;
            }
        }
        long inked = ink;
        assertTrue(inked > image.getWidth() * image.getHeight() / 100, () -> "at least 1% of the page is drawn: " + inked);
        assertTrue(colors.size() > 16, "text, tables and charts: " + colors.size() + " colors");
        assertTrue(red, "the bar of kept sites is drawn");
    }

    private static Optional<Path> findChromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[]{"chromium", "chromium-browser"}) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}

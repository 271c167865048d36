package dev.escape.test.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the outcome of every test from the JUnit XML reports the console launcher writes. */
final class JUnitReport {
    private JUnitReport() {
    }

    /** Outcome ("passed", "failed", "error", "skipped") by test ({@code class#name}), sorted. */
    static Map<String, String> outcomes(Path reportsDir) throws IOException {
        Map<String, String> outcomes = new TreeMap<>();
        if (!Files.isDirectory(reportsDir)) {
            return outcomes;
        }
        try (Stream<Path> files = Files.list(reportsDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".xml")).sorted().toList()) {
                read(file, outcomes);
            }
        }
        return outcomes;
    }

    private static void read(Path file, Map<String, String> outcomes) throws IOException {
        NodeList cases;
        try {
            cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getElementsByTagName("testcase");
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot read the JUnit report " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            String key = testCase.getAttribute("classname") + "#" + testCase.getAttribute("name");
            // Repeated and parameterized invocations may share a name: number them in order.
            String unique = key;
            for (int n = 2; outcomes.containsKey(unique); n++) {
                unique = key + " (" + n + ")";
            }
            outcomes.put(unique, outcome(testCase));
        }
    }

    private static String outcome(Element testCase) {
        for (String kind : List.of("failure", "error", "skipped")) {
            if (testCase.getElementsByTagName(kind).getLength() > 0) {
                return kind.equals("failure") ? "failed" : kind;
            }
        }
        return "passed";
    }

    /** Tests whose outcome differs between two runs (or that ran in only one), one line each. */
    static List<String> differences(Map<String, String> reference, Map<String, String> tested) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> tests = new TreeSet<>(reference.keySet());
        tests.addAll(tested.keySet());
        for (String test : tests) {
            String a = reference.getOrDefault(test, "not run");
            String b = tested.getOrDefault(test, "not run");
            if (!a.equals(b)) {
                lines.add(test + ": " + a + " -> " + b);
            }
        }
        return lines;
    }

    /** {@code 4195 tests: 4193 passed, 1 failed, ...}. */
    static String summary(Map<String, String> outcomes) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.values().forEach(o -> counts.merge(o, 1L, Long::sum));
        StringBuilder s = new StringBuilder(outcomes.size() + " tests:");
        counts.forEach((outcome, n) -> s.append(' ').append(n).append(' ').append(outcome).append(','));
        s.setLength(s.length() - 1);
        return s.toString();
    }
}

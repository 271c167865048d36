package dev.escape.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.escape.decisions.CompilationRecord;
import dev.escape.report.ReportFormat;
import dev.escape.report.SourceLines;

/** The HTML report, parsed as XML: well-formed, one row per site, sources, pictures. */
class HtmlReportTest {

    @Test
    void rowsSourcesAndPictures() throws Exception {
        Reports.ThreeKinds three = Reports.ThreeKinds.compile();
        Document html = parse(three.render(ReportFormat.HTML));

        List<Element> rows = select(html, "//*[local-name()='tr'][contains(@class,'site')]");
        assertEquals(3, rows.size());
        Element keptRow = rowOf(rows, three.kept());
        assertEquals("site kept", keptRow.getAttribute("class"));
        assertEquals("Box b = new Box(a);", cell(keptRow, "source"));
        assertEquals(1, select(keptRow, ".//*[local-name()='svg']").size(), "a kept site shows its path to the materialization");
        assertTrue(keptRow.getTextContent().contains(three.kept().sites().get(0).materializations().get(0).describe()), keptRow.getTextContent());

        Element eliminatedRow = rowOf(rows, three.eliminated());
        assertEquals("site eliminated", eliminatedRow.getAttribute("class"));
        assertEquals("Point p = new Point(a, b);", cell(eliminatedRow, "source"));
        assertEquals(0, select(eliminatedRow, ".//*[local-name()='svg']").size());

        Element partialRow = rowOf(rows, three.partial());
        assertEquals("source not found", cell(partialRow, "source"));
        assertTrue(partialRow.getTextContent().contains("Log.log(Object) <too large>"), "markup in names is text, not tags");
        List<String> steps = select(partialRow, ".//*[local-name()='svg']//*[local-name()='text']").stream().map(Element::getTextContent).toList();
        assertTrue(steps.contains("passed to a call that was not inlined"), steps::toString);
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("its holder Odd.java:11: new p.Holder")), steps::toString);

        List<String> tables = select(html, "//*[local-name()='table']").stream().map(t -> t.getAttribute("data-method")).toList();
        assertTrue(tables.contains(three.partial().method()), "the method name survives escaping in attributes: " + tables);
        List<Element> bars = select(html, "//*[local-name()='rect'][contains(@class,'bar')]");
        assertEquals(3 + 3, bars.size(), "three decisions; three causes: unknown (graph comparison) for the kept site, call and holder for the partial one");
    }

    @Test
    void noSourcePathMeansSourceNotFound() throws Exception {
        Document html = parse(Reports.render(ReportFormat.HTML, List.of(Reports.compile("localPoint")), null, SourceLines.none()));
        List<Element> rows = select(html, "//*[local-name()='tr'][contains(@class,'site')]");
        assertEquals("source not found", cell(rows.get(0), "source"));
    }

    static Document parse(String xhtml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> select(Object context, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.NODESET);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static Element rowOf(List<Element> rows, CompilationRecord r) {
        String key = r.sites().get(0).site().key();
        return rows.stream().filter(e -> e.getAttribute("data-site").equals(key)).findFirst().orElseThrow(() -> new AssertionError("no row for " + key));
    }

    private static String cell(Element row, String cssClass) throws Exception {
        return select(row, ".//*[local-name()='td'][@class='" + cssClass + "']").get(0).getTextContent();
    }
}

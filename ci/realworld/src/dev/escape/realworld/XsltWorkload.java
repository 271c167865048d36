package dev.escape.realworld;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.xml.transform.stream.StreamSource;

import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * Saxon-HE 12.5 (XSLT 3.0) transforming a 6 MB XML document: the Commons Lang 3.17.0 sources, one
 * {@code <file>} element per source with one {@code <line>} per line. The stylesheet (compiled
 * once, in setup) groups the files by package, finds each package's 20 most frequent words
 * (tokenize, for-each-group, sort) and, per class, counts public method lines (regex), TODOs and
 * the longest line. One iteration parses the document and runs the transformation. Checksum: the
 * serialized result.
 */
public final class XsltWorkload implements Workload {
    static final String STYLESHEET = """
            <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema" exclude-result-prefixes="xs">
              <xsl:output method="xml" indent="yes" encoding="UTF-8"/>
              <xsl:template match="/sources">
                <report name="{@name}" files="{count(file)}" lines="{count(file/line)}">
                  <xsl:for-each-group select="file" group-by="@package">
                    <xsl:sort select="current-grouping-key()"/>
                    <package name="{current-grouping-key()}" files="{count(current-group())}" lines="{count(current-group()/line)}">
                      <xsl:variable name="words" as="xs:string*"
                          select="current-group()/line/tokenize(., '[^A-Za-z_0-9]+')[string-length(.) gt 3]"/>
                      <xsl:for-each-group select="$words" group-by=".">
                        <xsl:sort select="count(current-group())" order="descending"/>
                        <xsl:sort select="current-grouping-key()"/>
                        <xsl:if test="position() le 20">
                          <word count="{count(current-group())}"><xsl:value-of select="current-grouping-key()"/></word>
                        </xsl:if>
                      </xsl:for-each-group>
                      <xsl:apply-templates select="current-group()">
                        <xsl:sort select="@path"/>
                      </xsl:apply-templates>
                    </package>
                  </xsl:for-each-group>
                </report>
              </xsl:template>
              <xsl:template match="file">
                <class path="{@path}" name="{replace(@path, '^.*/([^/]+)\\.java$', '$1')}"
                    public-methods="{count(line[matches(., '^\\s+public\\s.*\\(')])}"
                    todo="{count(line[contains(., 'TODO')])}"
                    javadoc-lines="{count(line[starts-with(normalize-space(.), '*')])}"
                    longest="{(max(line/string-length(.)), 0)[1]}">
                  <xsl:value-of select="upper-case(substring(normalize-space(string-join(line[contains(., 'class ')][1], ' ')), 1, 80))"/>
                </class>
              </xsl:template>
            </xsl:stylesheet>
            """;

    private Processor processor;
    private XsltExecutable stylesheet;
    private byte[] xml;

    @Override
    public void setup(Path corpus) throws Exception {
        List<SourceFile> files = SourceFile.commonsLang(corpus);
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sources name=\"commons-lang3-3.17.0-sources\">\n");
        for (SourceFile f : files) {
            sb.append("<file path=\"").append(escape(f.path())).append("\" package=\"").append(escape(f.pkg())).append("\">\n");
            int n = 1;
            for (String line : f.lines()) {
                sb.append("<line n=\"").append(n++).append("\">").append(escape(line)).append("</line>\n");
            }
            sb.append("</file>\n");
        }
        sb.append("</sources>\n");
        xml = sb.toString().getBytes(StandardCharsets.UTF_8);
        processor = new Processor(false);
        stylesheet = processor.newXsltCompiler().compile(new StreamSource(new StringReader(STYLESHEET)));
        System.out.println("# xslt: " + files.size() + " files, " + xml.length + " bytes of XML, " + processor.getSaxonProductVersion());
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 has no place for most control characters
                    if (c < 0x20 && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    @Override
    public long iteration() throws Exception {
        DocumentBuilder builder = processor.newDocumentBuilder();
        XdmNode doc = builder.build(new StreamSource(new ByteArrayInputStream(xml)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serializer serializer = processor.newSerializer(out);
        Xslt30Transformer t = stylesheet.load30();
        t.setGlobalContextItem(doc);
        t.applyTemplates(doc, serializer);
        byte[] result = out.toByteArray();
        return new Hash().bytes(result).lng(result.length).get();
    }

    @Override public int defaultWarmup() { return 15; }
    @Override public int defaultMaxWarmup() { return 1000; }
}

package dev.escape.realworld;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;

/**
 * Apache FreeMarker 2.3.33 rendering the Commons Lang 3.17.0 sources as one HTML page:
 * per file a heading, a summary with the package and line counts, and a table of numbered,
 * HTML-escaped lines with CSS classes for comments, blank and long lines (list, conditionals,
 * built-ins: ?html auto-escaping, ?item_parity, ?trim, ?starts_with, ?length, ?c). The template is
 * parsed once (setup); one iteration renders it. Checksum: the page.
 */
public final class FreemarkerWorkload implements Workload {
    static final String TEMPLATE = """
            <#ftl output_format="HTML">
            <!DOCTYPE html>
            <html><head><title>${title}</title></head><body>
            <h1>${title}</h1>
            <p>${files?size?c} files, ${totalLines?c} lines</p>
            <#list files as f>
            <section id="${f.path?replace('/', '-')?replace('.java', '')}">
            <h2>${f.path}</h2>
            <p>package <code>${f.pkg}</code>, ${f.lines?size?c} lines<#if f.lines?size gt 1000>, a large file</#if></p>
            <table>
            <#list f.lines as line>
            <#assign t = line?trim>
            <tr class="${line?item_parity}<#if t?length == 0> blank<#elseif t?starts_with('*') || t?starts_with('/*') || t?starts_with('//')> comment</#if><#if line?length gt 100> long</#if>"><td>${line?counter?c}</td><td>${line}</td></tr>
            </#list>
            </table>
            </section>
            </#list>
            </body></html>
            """;

    private Template template;
    private Map<String, Object> model;

    @Override
    public void setup(Path corpus) throws Exception {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_33);
        cfg.setLocale(Locale.ROOT);
        cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        template = new Template("lang.ftlh", TEMPLATE, cfg);
        List<Map<String, Object>> files = new ArrayList<>();
        int total = 0;
        for (SourceFile f : SourceFile.commonsLang(corpus)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path());
            m.put("pkg", f.pkg());
            m.put("lines", f.lines());
            files.add(m);
            total += f.lines().size();
        }
        model = new LinkedHashMap<>();
        model.put("title", "Apache Commons Lang 3.17.0 <sources>");
        model.put("files", files);
        model.put("totalLines", total);
        System.out.println("# freemarker: " + files.size() + " files, " + total + " lines");
    }

    @Override
    public long iteration() throws Exception {
        StringWriter out = new StringWriter();
        template.process(model, out);
        String page = out.toString();
        return new Hash().str(page).get();
    }

    @Override public int defaultWarmup() { return 20; }
    @Override public int defaultMaxWarmup() { return 1000; }
}

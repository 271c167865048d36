package dev.escape.realworld;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Jackson 2.18 (jackson-databind) round-tripping a 5 MB JSON document: the Commons Lang 3.17.0
 * sources as data (per file: path, package, every line, the identifiers with their counts, the
 * line lengths). One iteration: data binding writes the document (records to JSON), reads it back
 * as a tree and binds the tree to records again (must equal the original), and writes the tree
 * pretty-printed. Checksum: both JSON texts.
 */
public final class JacksonWorkload implements Workload {
    public record FileEntry(String path, String pkg, int lineCount, List<String> lines, Map<String, Integer> identifiers, int[] lineLengths) {
    }

    public record Document(String name, int files, List<FileEntry> entries) {
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private Document document;

    @Override
    public void setup(Path corpus) throws Exception {
        List<FileEntry> entries = new ArrayList<>();
        for (SourceFile f : SourceFile.commonsLang(corpus)) {
            Map<String, Integer> ids = new TreeMap<>();
            Matcher m = IDENTIFIER.matcher(f.text());
            while (m.find()) {
                ids.merge(m.group(), 1, Integer::sum);
            }
            int[] lengths = f.lines().stream().mapToInt(String::length).toArray();
            entries.add(new FileEntry(f.path(), f.pkg(), f.lines().size(), f.lines(), ids, lengths));
        }
        document = new Document("commons-lang3-3.17.0-sources", entries.size(), entries);
        System.out.println("# jackson: " + entries.size() + " files, " + mapper.writeValueAsBytes(document).length + " bytes of JSON");
    }

    @Override
    public long iteration() throws Exception {
        byte[] json = mapper.writeValueAsBytes(document);
        JsonNode tree = mapper.readTree(json);
        Document back = mapper.treeToValue(tree, Document.class);
        if (back.files() != document.files() || back.entries().size() != document.entries().size()) {
            throw new IllegalStateException("jackson: the document read back differs");
        }
        for (int i = 0; i < back.entries().size(); i++) {
            FileEntry a = document.entries().get(i), b = back.entries().get(i);
            if (!a.path().equals(b.path()) || !a.lines().equals(b.lines()) || !a.identifiers().equals(b.identifiers())
                            || !java.util.Arrays.equals(a.lineLengths(), b.lineLengths())) {
                throw new IllegalStateException("jackson: entry " + a.path() + " read back differs");
            }
        }
        byte[] pretty = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        return new Hash().bytes(json).bytes(pretty).lng(json.length).lng(pretty.length).get();
    }

    @Override public int defaultWarmup() { return 20; }
    @Override public int defaultMaxWarmup() { return 1000; }
}

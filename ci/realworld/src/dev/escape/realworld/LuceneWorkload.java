package dev.escape.realworld;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Apache Lucene 9.12 indexing the Commons Lang 3.17.0 sources (one document per file: path,
 * package, full text with StandardAnalyzer, line count as point and doc value) into an in-memory
 * directory, merging to one segment, then searching it: the 150 most frequent identifiers of the
 * sources as term queries (top 10 by BM25), 50 two-word phrase and boolean queries through the
 * classic query parser, prefix and range queries, and sorting by line count. All on the calling
 * thread (SerialMergeScheduler, no searcher executor). One iteration does all of it. Checksum: every
 * hit's path and score bits and the total hit counts (not the index files: they carry random
 * segment ids).
 */
public final class LuceneWorkload implements Workload {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9]{3,}");
    private List<SourceFile> files;
    private final List<String> queries = new ArrayList<>();

    @Override
    public void setup(Path corpus) throws Exception {
        files = SourceFile.commonsLang(corpus);
        Map<String, Integer> counts = new TreeMap<>();
        for (SourceFile f : files) {
            Matcher m = IDENTIFIER.matcher(f.text());
            while (m.find()) {
                counts.merge(m.group().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort(Map.Entry.<String, Integer> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (int i = 0; i < 150 && i < byCount.size(); i++) {
            queries.add(byCount.get(i).getKey());
        }
        for (int i = 0; i < 50; i++) {
            String a = byCount.get(i * 3).getKey(), b = byCount.get(i * 3 + 7).getKey();
            queries.add(i % 2 == 0 ? "\"" + a + " " + b + "\"~3" : "+" + a + " -" + b);
        }
        queries.addAll(List.of("str*", "array*", "to*", "lines:[100 TO 500]", "package:org.apache.commons.lang3.time"));
        System.out.println("# lucene: " + files.size() + " files, " + queries.size() + " queries");
    }

    @Override
    public long iteration() throws Exception {
        Hash h = new Hash();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            StandardAnalyzer analyzer = new StandardAnalyzer();
            IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setMergeScheduler(new SerialMergeScheduler()).setRAMBufferSizeMB(16)
                            .setCommitOnClose(true);
            try (IndexWriter w = new IndexWriter(dir, cfg)) {
                for (SourceFile f : files) {
                    Document d = new Document();
                    d.add(new StringField("path", f.path(), Field.Store.YES));
                    d.add(new StringField("package", f.pkg(), Field.Store.YES));
                    d.add(new TextField("body", f.text(), Field.Store.NO));
                    d.add(new IntPoint("lines", f.lines().size()));
                    d.add(new NumericDocValuesField("lines", f.lines().size()));
                    w.addDocument(d);
                }
                w.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                QueryParser parser = new QueryParser("body", analyzer) {
                    @Override
                    protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
                                    throws org.apache.lucene.queryparser.classic.ParseException {
                        if (field.equals("lines")) {
                            return IntPoint.newRangeQuery(field, Integer.parseInt(part1), Integer.parseInt(part2));
                        }
                        return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
                    }
                };
                h.lng(reader.numDocs()).lng(reader.leaves().size());
                for (String q : queries) {
                    Query query = parser.parse(q);
                    TopDocs top = searcher.search(query, 10);
                    h.str(q).lng(top.totalHits.value);
                    for (ScoreDoc sd : top.scoreDocs) {
                        h.str(searcher.storedFields().document(sd.doc).get("path")).lng(Float.floatToIntBits(sd.score));
                    }
                }
                TopDocs longest = searcher.search(parser.parse("public"), 20, new Sort(new SortField("lines", SortField.Type.INT, true), SortField.FIELD_DOC));
                for (ScoreDoc sd : longest.scoreDocs) {
                    h.str(searcher.storedFields().document(sd.doc).get("path"));
                }
            }
        }
        return h.get();
    }

    @Override public int defaultWarmup() { return 15; }
    @Override public int defaultMaxWarmup() { return 1000; }
}

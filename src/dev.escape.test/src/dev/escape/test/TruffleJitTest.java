package dev.escape.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.escape.test.dumps.Bgv;
import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;
import dev.escape.test.report.ReportJson;
import dev.escape.test.truffle.RunJs;
import jdk.graal.compiler.graphio.parsing.model.Group;

/**
 * A Truffle language under escape: GraalJS (from Maven Central, {@code build/graaljs-classpath})
 * runs a JavaScript loop that allocates small objects in a child JVM started through
 * {@code ./escape java}. The guest's functions are compiled by the Truffle compiler with escape's
 * configuration; the result must be right, and escape's report must hold Truffle compilations
 * decided by escape's own analysis, both in partial evaluation's slot and in the high tier's.
 */
class TruffleJitTest {
    /** {@code sumVectors(1000)} is 499500 + 1000; the guest calls it {@code ROUNDS} times. */
    private static final int ROUNDS = 400;

    static final String PROGRAM = """
                    function Vec(x, y) { this.x = x; this.y = y; }
                    Vec.prototype.add = function (o) { return new Vec(this.x + o.x, this.y + o.y); };
                    function sumVectors(n) {
                      let s = new Vec(0, 0);
                      for (let i = 0; i < n; i++) { s = s.add(new Vec(i, 1)); }
                      return s.x + s.y;
                    }
                    let total = 0;
                    for (let round = 0; round < %d; round++) { total += sumVectors(1000); }
                    total;
                    """;

    /** What {@link #MIXED} prints under graal and c2. */
    private static final long MIXED_CHECKSUM = 283286339L;

    /** Classes, closures, arrays, strings, Map, exceptions, recursion, destructuring: a checksum. */
    static final String MIXED = """
                    class Point { constructor(x, y) { this.x = x; this.y = y; } plus(o) { return new Point(this.x + o.x, this.y + o.y); } len2() { return this.x * this.x + this.y * this.y; } }
                    function closures(n) { let fs = []; for (let i = 0; i < 8; i++) { fs.push(k => k * i + n); } let s = 0; for (const f of fs) s += f(3); return s; }
                    function arrays(n) { const a = []; for (let i = 0; i < 32; i++) a.push((i * n) % 7); return a.map(x => x * 2).filter(x => x > 3).reduce((p, c) => p + c, 0); }
                    function strings(n) { let s = ''; for (let i = 0; i < 10; i++) s += String.fromCharCode(97 + (i + n) % 26); return s.length + s.charCodeAt(n % 10); }
                    function maps(n) { const m = new Map(); for (let i = 0; i < 16; i++) m.set('k' + (i % 5), (m.get('k' + (i % 5)) || 0) + i * n); let t = 0; for (const [k, v] of m) t += v + k.length; return t; }
                    function exceptions(n) { try { if (n % 13 === 0) throw new Error('e' + n); return 1; } catch (e) { return e.message.length; } }
                    function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
                    function points(n) { let p = new Point(0, 0); for (let i = 0; i < 50; i++) p = p.plus(new Point(i % 3, n % 5)); return p.len2(); }
                    function objects(n) { const o = { a: n, b: { c: n * 2, d: [n, n + 1] } }; const { a, b: { c, d: [e, f] } } = o; return a + c + e + f + JSON.stringify({ a, c }).length; }
                    let h = 0;
                    for (let r = 0; r < 3000; r++) {
                      h = (h * 31 + closures(r) + arrays(r) + strings(r) + maps(r) + exceptions(r) + fib(r % 15) + points(r) + objects(r)) % 1000000007;
                    }
                    h;
                    """;

    @Test
    void graalJsLoopIsCompiledWithEscapesAnalysis(@TempDir Path dir) throws Exception {
        // --methods selects the guest function by its name; --dump writes IGV graphs of its compilations.
        Path dumps = dir.resolve("dumps");
        Path report = runUnderEscape(dir, "vectors.js", PROGRAM.formatted(ROUNDS), (499500L + 1000L) * ROUNDS, "--methods=sumVectors", "--dump=" + dumps);

        Map<String, Object> json = ReportJson.parse(Files.readString(report));
        List<Map<String, Object>> all = ReportJson.asList(json.get("compilations")).stream().map(ReportJson::asObject).toList();
        assertTrue(!all.isEmpty() && all.stream().allMatch(c -> c.get("method").equals("sumVectors (Truffle)")), () -> "only sumVectors's compilations: " + all);
        List<Map<String, Object>> truffle = truffleCompilations(report);
        // Partial evaluation's slot: the guest's objects (Vec instances, the frame) made virtual by escape.
        assertTrue(truffle.stream().anyMatch(c -> ((String) c.get("compilationId")).endsWith(" (Truffle tier)") && eliminated(c) > 0),
                        () -> "escape's analysis eliminated allocations in partial evaluation: " + truffle);
        // Sites name the guest's lines (GraalJS gives its nodes source sections): the program is on lines 1-7.
        List<Object> guest = truffle.stream().flatMap(c -> ReportJson.asList(c.get("sites")).stream()).map(s -> ReportJson.asObject(s).get("guest")).filter(g -> g != null).toList();
        assertTrue(!guest.isEmpty() && guest.stream().allMatch(g -> ((String) g).matches("vectors\\.js:[1-7]")), () -> "guest positions of sumVectors's sites: " + guest);
        // A dump per record, nodes annotated with escape's decisions (one compilation records several times in partial evaluation's slot).
        List<Path> files = Bgv.files(dumps, "escape-TruffleHotSpotCompilation-*-sumVectors_*.bgv");
        assertTrue(files.size() >= truffle.size(), () -> truffle.size() + " records, dump files " + List.of(dumps.toFile().list()));
        boolean annotated = false;
        for (Path file : files) {
            for (Group group : Bgv.groups(Bgv.read(file))) {
                annotated |= group.getGraphs().stream().anyMatch(g -> !Bgv.nodesWith(g, "escape.decision", "eliminated").isEmpty());
            }
        }
        assertTrue(annotated, () -> "an eliminated allocation in the dumps " + files);
    }

    /**
     * More of the language, compiled under escape: the checksum that stock Graal
     * ({@code --config=graal}) and Truffle's interpreter ({@code --config=c2}, no JVMCI compiler:
     * Truffle's fallback runtime) print.
     */
    @Test
    void graalJsProgramPrintsWhatGraalPrints(@TempDir Path dir) throws Exception {
        Path report = runUnderEscape(dir, "mixed.js", MIXED, MIXED_CHECKSUM);
        List<Map<String, Object>> truffle = truffleCompilations(report);
        assertTrue(truffle.stream().anyMatch(c -> ((String) c.get("compilationId")).endsWith(" (Truffle tier)")), () -> truffle.toString());
    }

    /** marked's emphasis delimiter (its `emStrong.lDelim`), run on a few strings: TRegex compiles it. */
    static final String REGEX = """
                    const re = /^(?:\\*+(?:((?!\\*)(?!~)[\\p{P}\\p{S}])|([^\\s*]))?)|^_+(?:((?!_)(?!~)[\\p{P}\\p{S}])|([^\\s_]))?/u;
                    const inputs = ['**bold** text', '*em*', '__x__', '_a_', '*!x', '__!!', 'plain', '***', '_ _', '*~x', '**a', '_b', '*\\u00e9t\\u00e9*'];
                    let h = 0;
                    for (let k = 0; k < 200000; k++) {
                      const m = re.exec(inputs[k % inputs.length]);
                      if (m) { h = (h * 31 + m[0].length + (m[1] ? 1 : 0) + (m[2] ? 2 : 0) + (m[3] ? 3 : 0) + (m[4] ? 4 : 0)) | 0; }
                    }
                    h;
                    """;

    /**
     * TRegex's compiled matchers copy real arrays into virtual ones inside loops; the loads such a
     * copy adds were not given proxies at the loop's exits, and escape's graph check refused two
     * compilations (a bailout, found by `./escape realworld`'s marked). Same result as graal, and
     * every Truffle compilation decided by escape's analysis.
     */
    @Test
    void graalJsRegexCompilesWithoutBailout(@TempDir Path dir) throws Exception {
        Path report = runUnderEscape(dir, "regex.js", REGEX, 699498930L);
        List<Map<String, Object>> truffle = truffleCompilations(report);
        assertTrue(truffle.stream().anyMatch(c -> ((String) c.get("method")).startsWith("tregex ")), () -> "TRegex compiled: " + truffle);
    }

    /**
     * marked's fenced code block (its `block.fences`): a back-reference, so TRegex matches it with its
     * backtracking executor, whose locals hold {@code int[]} stacks that it copies ({@code clone()})
     * inside its merge-exploded loop. The loop phis escape's analysis made for those fields had the
     * stamp {@code java.lang.Object} (unrestricted, phis feeding each other), a clone's input lost
     * its {@code int[]} type, and Graal's lowering failed the compilation ("should not reach here:
     * object ... Pi stamp a! java.lang.Object concrete type null; this ... ObjectClone"): under
     * `./escape realworld` nine of marked's TRegex call targets were never compiled. Same result as
     * graal, and no compilation failure (which ends the VM here).
     */
    static final String FENCE = """
                    const fence = /^ {0,3}(`{3,}(?=[^`\\n]*(?:\\n|$))|~{3,})([^\\n]*)(?:\\n|$)(?:|([\\s\\S]*?)(?:\\n|$))(?: {0,3}(?:(?=`)\\1`*|(?=~)\\1~*)[ \\t]*(?=\\n|$)|$)/;
                    const inputs = ['```js\\nconst a = 1;\\nfoo(bar)\\n```\\nrest', '~~~\\ncode here\\n~~~\\n', '```\\nunterminated\\nblock', 'plain text\\n'];
                    let n = 0;
                    for (let r = 0; r < 200000; r++) {
                      for (const s of inputs) { const m = fence.exec(s); if (m) { n += m[0].length + (m[3] ? m[3].length : 0); } }
                    }
                    n;
                    """;
    static final long FENCE_RESULT = 23_600_000L;

    @Test
    void graalJsBacktrackingRegexCompiles(@TempDir Path dir) throws Exception {
        Path report = runUnderEscape(dir, "fence.js", FENCE, FENCE_RESULT);
        List<Map<String, Object>> truffle = truffleCompilations(report);
        assertTrue(truffle.stream().anyMatch(c -> ((String) c.get("method")).startsWith("tregex ")), () -> "TRegex compiled: " + truffle);
    }

    /**
     * Writes {@code program} to {@code name} in {@code dir}, runs it under escape with
     * {@code options}, checks that it exits normally and prints {@code expected}, and returns
     * escape's JSON report.
     */
    private static Path runUnderEscape(Path dir, String name, String program, long expected, String... options) throws Exception {
        Path js = dir.resolve(name);
        Files.writeString(js, program);
        Path report = dir.resolve("report.json");
        Result r = runJs("escape", js, report, options);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(expected + "\n", r.stdout(), r::toString);
        return report;
    }

    /**
     * Runs {@code js} under {@code config}, with escape's JSON report in {@code report} (escape
     * only). With a report, compilations block the guest (no background compilation): every call
     * target that gets hot is compiled before the program goes on, so the run decides what the
     * report holds. A compilation failure ends the VM.
     */
    private static Result runJs(String config, Path js, Path report, String... options) throws Exception {
        String classPath = Files.readString(ChildProcess.ROOT.resolve("build/graaljs-classpath")).strip() + ":"
                        + ChildProcess.ROOT.resolve("src/dev.escape.test/target/test-classes");
        List<String> args = new ArrayList<>(List.of("java", "--config=" + config));
        args.addAll(List.of(options));
        if (report != null) {
            args.addAll(List.of("--report=json", "--report-file=" + report, "-Dpolyglot.engine.BackgroundCompilation=false"));
        }
        // The first two: Truffle's own JDK warnings, not ours.
        args.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dpolyglot.engine.CompilationFailureAction=ExitVM",
                        "-cp", classPath, RunJs.class.getName(), js.toString()));
        return ChildProcess.escape(args.toArray(String[]::new));
    }

    /** The report's Truffle compilations, each checked to be decided by escape's own analysis (no fallback). */
    private static List<Map<String, Object>> truffleCompilations(Path report) throws Exception {
        Map<String, Object> json = ReportJson.parse(Files.readString(report));
        List<Map<String, Object>> truffle = ReportJson.asList(json.get("compilations")).stream().map(ReportJson::asObject)
                        .filter(c -> ((String) c.get("method")).endsWith(" (Truffle)")).toList();
        for (Map<String, Object> c : truffle) {
            assertEquals("escape", c.get("analysis"), () -> "escape's own analysis, not the fallback: " + c);
            assertNull(c.get("fallback"), () -> c.toString());
        }
        return truffle;
    }

    private static long eliminated(Map<String, Object> compilation) {
        return ReportJson.asList(compilation.get("sites")).stream().map(ReportJson::asObject).filter(s -> s.get("decision").equals("eliminated")).count();
    }
}

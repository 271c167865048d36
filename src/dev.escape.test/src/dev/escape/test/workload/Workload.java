package dev.escape.test.workload;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * A deterministic program over the JDK's own libraries (collections, streams, formatting,
 * BigInteger/BigDecimal, regex, records and boxing), for comparing JIT configurations: each task
 * runs for several rounds (so the JIT compiles it), every round must give the output of the
 * first, and the program prints one checksum a task. Same output under C2 and under escape is
 * the check; "round N differs" on stdout is a miscompile found inside one run.
 *
 * <p>Usage: {@code Workload [rounds]} (default 40).
 */
public final class Workload {
    private Workload() {
    }

    record Point(int x, int y) {
        Point plus(Point o) {
            return new Point(x + o.x, y + o.y);
        }
    }

    record Word(String text, int count) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Map<String, Supplier<String>> tasks = new java.util.LinkedHashMap<>();
        tasks.put("collections", Workload::collections);
        tasks.put("streams", Workload::streams);
        tasks.put("format", Workload::format);
        tasks.put("bignum", Workload::bignum);
        tasks.put("regex", Workload::regex);
        tasks.put("records", Workload::records);
        boolean same = true;
        for (var task : tasks.entrySet()) {
            String first = task.getValue().get();
            for (int round = 1; round < rounds; round++) {
                String again = task.getValue().get();
                if (!again.equals(first)) {
                    System.out.println(task.getKey() + ": round " + round + " differs from round 0");
                    same = false;
                    break;
                }
            }
            System.out.printf("%-12s %08x  (%d chars)%n", task.getKey(), crc(first), first.length());
        }
        System.out.println(same ? "all rounds agree" : "ROUNDS DISAGREE");
    }

    private static long crc(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static String text(int words, long seed) {
        Random r = new Random(seed);
        String[] vocabulary = {"alpha", "beta", "gamma", "delta", "escape", "graal", "heap", "stack", "merge", "phi", "node", "frame", "x1", "y22", "z333"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(vocabulary[r.nextInt(vocabulary.length)]);
            if (r.nextInt(7) == 0) {
                sb.append(r.nextInt(1000));
            }
            sb.append(r.nextInt(11) == 0 ? ". " : " ");
        }
        return sb.toString();
    }

    static String collections() {
        Map<String, Integer> counts = new HashMap<>();
        for (String w : text(3000, 1).split("[ .]+")) {
            counts.merge(w, 1, Integer::sum);
        }
        List<Word> words = new ArrayList<>();
        counts.forEach((w, n) -> words.add(new Word(w, n)));
        words.sort(Comparator.comparingInt(Word::count).reversed().thenComparing(Word::text));
        PriorityQueue<Integer> heap = new PriorityQueue<>(Comparator.reverseOrder());
        ArrayDeque<Integer> deque = new ArrayDeque<>();
        for (int i = 0; i < 2000; i++) {
            heap.add((i * 7919) % 1009);
            if ((i & 1) == 0) {
                deque.addFirst(i);
            } else {
                deque.addLast(-i);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            out.append(heap.poll()).append(',').append(deque.pollFirst()).append(',').append(deque.pollLast()).append(';');
        }
        TreeMap<Integer, List<String>> byCount = new TreeMap<>();
        words.forEach(w -> byCount.computeIfAbsent(w.count(), k -> new ArrayList<>()).add(w.text()));
        return words.subList(0, Math.min(20, words.size())) + "|" + out + "|" + byCount.headMap(3);
    }

    static String streams() {
        Map<Integer, Long> byDigitSum = IntStream.range(0, 20000).boxed()
                        .collect(Collectors.groupingBy(i -> Integer.toString(i).chars().map(c -> c - '0').sum(), TreeMap::new, Collectors.counting()));
        String primes = IntStream.rangeClosed(2, 3000).filter(n -> IntStream.rangeClosed(2, (int) Math.sqrt(n)).noneMatch(d -> n % d == 0))
                        .mapToObj(Integer::toString).collect(Collectors.joining(","));
        double avg = IntStream.range(0, 5000).mapToObj(i -> new Point(i, i * i % 97)).map(p -> p.plus(new Point(1, 1))).mapToInt(Point::y).average().orElse(-1);
        Optional<String> longest = List.of(text(500, 2).split(" ")).stream().max(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        return byDigitSum + "|" + primes.hashCode() + "|" + avg + "|" + longest.orElse("");
    }

    static String format() {
        StringBuilder out = new StringBuilder();
        Random r = new Random(3);
        for (int i = 0; i < 400; i++) {
            double d = r.nextGaussian() * 1e4;
            out.append(String.format(Locale.ROOT, "%08.3f|%-10s|%x|%,d|%e%n", d, "v" + i, i * 31, (long) (d * 1000), d / 7));
        }
        return out.toString();
    }

    static String bignum() {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= 300; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        BigInteger a = BigInteger.ZERO;
        BigInteger b = BigInteger.ONE;
        for (int i = 0; i < 1500; i++) {
            BigInteger t = a.add(b);
            a = b;
            b = t;
        }
        BigInteger m = BigInteger.TWO.pow(127).subtract(BigInteger.ONE);
        BigDecimal e = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        MathContext mc = new MathContext(60);
        for (int i = 1; i < 60; i++) {
            term = term.divide(BigDecimal.valueOf(i), mc);
            e = e.add(term, mc);
        }
        return f.bitLength() + "|" + f.mod(m) + "|" + b.modPow(BigInteger.valueOf(65537), m) + "|" + m.isProbablePrime(20) + "|" + e;
    }

    static String regex() {
        String text = text(2000, 4);
        Matcher numbers = Pattern.compile("([a-z]+)(\\d+)").matcher(text);
        StringBuilder out = new StringBuilder();
        int n = 0;
        while (numbers.find()) {
            if (n++ < 30) {
                out.append(numbers.group(1)).append('=').append(Integer.parseInt(numbers.group(2)) % 97).append(' ');
            }
        }
        String replaced = Pattern.compile("(e)(s|r)").matcher(text).replaceAll("<$2$1>");
        String[] sentences = text.split("\\.\\s*");
        return n + "|" + out + "|" + replaced.length() + "|" + replaced.substring(0, 200) + "|" + sentences.length;
    }

    static String records() {
        java.util.Set<Point> seen = new java.util.HashSet<>();
        Point p = new Point(0, 0);
        long sum = 0;
        for (int i = 0; i < 20000; i++) {
            p = p.plus(new Point(i % 3 - 1, i % 5 - 2));
            seen.add(p);
            Integer boxed = i % 300;
            sum += boxed.hashCode() + (seen.contains(new Point(boxed, -boxed)) ? 1 : 0);
        }
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            list.add(i * i % 1013);
        }
        return seen.size() + "|" + p + "|" + sum + "|" + list.stream().mapToInt(Integer::intValue).sum();
    }
}

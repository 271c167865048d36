package dev.escape.test.compiletime;

/**
 * Eight nested loops, each carrying a fresh object around its back edge: every round of a loop's
 * fixed point re-analyzes all the loops inside it, so the analysis's work multiplies with depth.
 */
final class DeepNest {
    private DeepNest() {
    }

    static final class Acc {
        final int v;

        Acc(int v) {
            this.v = v;
        }
    }

    static int eightLoops(int n) {
        Acc a1 = new Acc(n);
        for (int i1 = 0; i1 < n; i1++) {
            Acc a2 = new Acc(a1.v);
            for (int i2 = 0; i2 < n; i2++) {
                Acc a3 = new Acc(a2.v);
                for (int i3 = 0; i3 < n; i3++) {
                    Acc a4 = new Acc(a3.v);
                    for (int i4 = 0; i4 < n; i4++) {
                        Acc a5 = new Acc(a4.v);
                        for (int i5 = 0; i5 < n; i5++) {
                            Acc a6 = new Acc(a5.v);
                            for (int i6 = 0; i6 < n; i6++) {
                                Acc a7 = new Acc(a6.v);
                                for (int i7 = 0; i7 < n; i7++) {
                                    Acc a8 = new Acc(a7.v);
                                    for (int i8 = 0; i8 < n; i8++) {
                                        a8 = new Acc(a8.v * 3 + i8);
                                    }
                                    a7 = new Acc(a7.v + a8.v);
                                }
                                a6 = new Acc(a6.v ^ a7.v);
                            }
                            a5 = new Acc(a5.v - a6.v);
                        }
                        a4 = new Acc(a4.v + 7 * a5.v);
                    }
                    a3 = new Acc(a3.v ^ a4.v);
                }
                a2 = new Acc(a2.v + a3.v);
            }
            a1 = new Acc(a1.v * 31 + a2.v);
        }
        return a1.v;
    }
}

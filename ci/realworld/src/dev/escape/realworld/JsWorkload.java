package dev.escape.realworld;

/**
 * A JavaScript program ({@link JsProgram}): its warm-up goes on until Truffle has compiled its hot
 * functions, which takes thousands of iterations under the Graal configurations (Truffle compiles
 * call targets one after another, on its own threads), and its iterations are short, so more of
 * them are measured.
 */
interface JsWorkload extends Workload {
    @Override
    default int defaultWarmup() { return 15; }

    @Override
    default int defaultMaxWarmup() { return 3000; }

    @Override
    default int defaultMaxWarmupSeconds() { return 300; }

    @Override
    default int defaultMeasured() { return 15; }
}

/**
 * escape in Truffle compilations (guest languages such as GraalJS on the Truffle API).
 *
 * <p>
 * The Truffle compiler inherits its configuration from the host's: with
 * {@code -Djdk.graal.CompilerConfiguration=escape} it asks for a partial-evaluation configuration
 * named {@code escape} ({@link dev.escape.truffle.EscapePartialEvaluatorConfiguration}, a
 * {@code PartialEvaluatorConfiguration} service) and builds its last tier's suites from escape's
 * compiler configuration, so escape's phase already sits in the high tier's final partial escape
 * analysis slot of every last-tier Truffle compilation. Graal runs a second partial escape analysis
 * in Truffle compilations, inside partial evaluation (the Truffle tier's
 * {@code PostPartialEvaluationSuite}); {@link dev.escape.truffle.TruffleTierSwitch} puts escape's
 * phase in that slot as well, from the second Truffle compilation on. The report names Truffle
 * compilations by their call target ({@link dev.escape.truffle.TruffleNames}).
 */
package dev.escape.truffle;

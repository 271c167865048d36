package dev.escape.analysis;

import jdk.graal.compiler.nodes.StructuredGraph;

/**
 * One change to the graph that the analysis decided on. Effects are collected while the analysis
 * walks the graph and applied only when it is done, so a loop can be analyzed again (its effects
 * dropped) and a graph the analysis gives up on is left untouched.
 */
interface Effect {
    void apply(StructuredGraph graph);
}

package dev.escape.decisions;

/** The IR shapes an allocation takes before escape analysis. */
public enum AllocationKind {
    NEW_INSTANCE("new "),
    NEW_ARRAY("new "),
    NEW_MULTI_ARRAY("new "),
    DYNAMIC_NEW("reflective new "),
    BOX("boxing to ");

    private final String verb;

    AllocationKind(String verb) {
        this.verb = verb;
    }

    String describe(String type) {
        return verb + type;
    }
}

package dev.escape.lang.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;

/** Constants. A literal's box is made once, when parsed; arithmetic makes new ones. */
public final class Literals {
    private Literals() {
    }

    public static final class Constant extends EslNode {
        private final Object value;

        public Constant(Object value) {
            this.value = value;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return value;
        }
    }
}

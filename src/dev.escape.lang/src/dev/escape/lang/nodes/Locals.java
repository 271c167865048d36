package dev.escape.lang.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.escape.lang.EslException;

/**
 * Local variables and parameters: one frame slot each (kind Object, so every number in a local is
 * a box in the frame until partial evaluation and escape analysis take frame and box apart).
 */
public final class Locals {
    private Locals() {
    }

    public static final class Read extends EslNode {
        private final int slot;
        private final String name;

        public Read(int slot, String name) {
            this.slot = slot;
            this.name = name;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object value = frame.getObject(slot);
            if (value == null) {
                CompilerDirectives.transferToInterpreter();
                throw EslException.error(this, "variable " + name + " is read before it is assigned");
            }
            return value;
        }
    }

    public static final class Write extends EslNode {
        private final int slot;
        @Child private EslNode value;

        public Write(int slot, EslNode value) {
            this.slot = slot;
            this.value = value;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            frame.setObject(slot, value.execute(frame));
            return null;
        }
    }
}

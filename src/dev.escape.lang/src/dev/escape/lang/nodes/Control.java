package dev.escape.lang.nodes;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ControlFlowException;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RepeatingNode;
import com.oracle.truffle.api.profiles.CountingConditionProfile;

/** Blocks, {@code if}, {@code while} and {@code return}. */
public final class Control {
    private Control() {
    }

    /** Statements in order; at the end, the slots of the locals the block declared are cleared. */
    public static final class Block extends EslNode {
        @Children private final EslNode[] statements;
        @CompilationFinal(dimensions = 1) private final int[] clearedSlots;

        public Block(EslNode[] statements, int[] clearedSlots) {
            this.statements = statements;
            this.clearedSlots = clearedSlots;
        }

        @Override
        @ExplodeLoop
        public Object execute(VirtualFrame frame) {
            for (EslNode statement : statements) {
                statement.execute(frame);
            }
            for (int slot : clearedSlots) {
                frame.setObject(slot, null);
            }
            return null;
        }
    }

    public static final class If extends EslNode {
        @Child private EslNode condition;
        @Child private EslNode then;
        @Child private EslNode otherwise;
        private final CountingConditionProfile profile = CountingConditionProfile.create();

        public If(EslNode condition, EslNode then, EslNode otherwise) {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            if (profile.profile(condition.executeCondition(frame))) {
                then.execute(frame);
            } else if (otherwise != null) {
                otherwise.execute(frame);
            }
            return null;
        }
    }

    /** {@code while}: a Truffle {@link LoopNode}, so long loops are compiled on stack replacement too. */
    public static final class While extends EslNode {
        @Child private LoopNode loop;

        public While(EslNode condition, EslNode body) {
            this.loop = Truffle.getRuntime().createLoopNode(new Repeat(condition, body));
        }

        @Override
        public Object execute(VirtualFrame frame) {
            loop.execute(frame);
            return null;
        }
    }

    private static final class Repeat extends EslNode implements RepeatingNode {
        @Child private EslNode condition;
        @Child private EslNode body;

        Repeat(EslNode condition, EslNode body) {
            this.condition = condition;
            this.body = body;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            if (!condition.executeCondition(frame)) {
                return false;
            }
            body.execute(frame);
            return true;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return executeRepeating(frame);
        }
    }

    public static final class Return extends EslNode {
        @Child private EslNode value;

        public Return(EslNode value) {
            this.value = value;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            throw new ReturnException(value == null ? 0L : value.execute(frame));
        }
    }

    /** Unwinds to the function's root; partial evaluation turns it into a jump. */
    public static final class ReturnException extends ControlFlowException {
        private static final long serialVersionUID = 1L;
        private final transient Object value;

        ReturnException(Object value) {
            this.value = value;
        }

        public Object value() {
            return value;
        }
    }
}

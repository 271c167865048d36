package dev.escape.lang.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;

import dev.escape.lang.EslException;
import dev.escape.lang.EslObject;
import dev.escape.lang.EslStruct;

/** Small objects: {@code new Vec(x, y)}, {@code v.x} and {@code v.x = e;}. */
public final class Objects {
    private Objects() {
    }

    public static final class New extends EslNode {
        private final EslStruct type;
        @Children private final EslNode[] values;

        public New(EslStruct type, EslNode[] values) {
            this.type = type;
            this.values = values;
        }

        @Override
        @ExplodeLoop
        public Object execute(VirtualFrame frame) {
            Object[] fields = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                fields[i] = values[i].execute(frame);
            }
            return new EslObject(type, fields);
        }
    }

    /**
     * A field's index depends on the object's struct: the node caches the first struct it sees and
     * that struct's index (constants in compiled code); once it has seen a second struct it looks
     * the field up every time.
     */
    abstract static class FieldAccess extends EslNode {
        private final String field;
        @Child private EslNode object;
        @CompilationFinal private EslStruct cached;
        @CompilationFinal private int cachedIndex;
        @CompilationFinal private boolean polymorphic;

        FieldAccess(String field, EslNode object) {
            this.field = field;
            this.object = object;
        }

        final EslObject receiver(VirtualFrame frame) {
            Object value = object.execute(frame);
            if (value instanceof EslObject o) {
                return o;
            }
            CompilerDirectives.transferToInterpreter();
            throw EslException.error(this, "cannot access field " + field + " of " + Values.describe(value));
        }

        final int index(EslObject o) {
            EslStruct type = o.type();
            if (type == cached) {
                return cachedIndex;
            }
            if (!polymorphic) {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                int index = lookup(type);
                if (cached == null) {
                    cached = type;
                    cachedIndex = index;
                } else {
                    polymorphic = true;
                }
                return index;
            }
            return lookup(type);
        }

        @TruffleBoundary
        private int lookup(EslStruct type) {
            int index = type.indexOf(field);
            if (index < 0) {
                CompilerDirectives.transferToInterpreter();
                throw EslException.error(this, type.name() + " has no field " + field);
            }
            return index;
        }
    }

    public static final class Read extends FieldAccess {
        public Read(String field, EslNode object) {
            super(field, object);
        }

        @Override
        public Object execute(VirtualFrame frame) {
            EslObject o = receiver(frame);
            return o.get(index(o));
        }
    }

    public static final class Write extends FieldAccess {
        @Child private EslNode value;

        public Write(String field, EslNode object, EslNode value) {
            super(field, object);
            this.value = value;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            EslObject o = receiver(frame);
            int index = index(o);
            o.set(index, value.execute(frame));
            return null;
        }
    }
}

package dev.escape.decisions;

import jdk.vm.ci.meta.ResolvedJavaMethod;

/** One bytecode position: a method, a bci and, where the class file has them, file and line. */
public record Frame(String className, String methodName, String signature, int bci, String fileName, int line) {

    static Frame of(ResolvedJavaMethod method, int bci) {
        StackTraceElement element = bci >= 0 ? method.asStackTraceElement(bci) : null;
        return new Frame(method.getDeclaringClass().toJavaName(), method.getName(), method.getSignature().toMethodDescriptor(), bci,
                        element != null ? element.getFileName() : null, element != null ? element.getLineNumber() : -1);
    }

    /** {@code Foo.java:42}, or {@code Foo.bar@17} when the class has no line numbers. */
    public String location() {
        if (fileName != null && line >= 0) {
            return fileName + ":" + line;
        }
        return simpleClassName() + "." + methodName + "@" + bci;
    }

    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Stable across runs and recompilations: does not depend on line tables being present. */
    String key() {
        return className + "." + methodName + signature + "@" + bci;
    }
}

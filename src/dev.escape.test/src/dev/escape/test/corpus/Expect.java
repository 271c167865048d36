package dev.escape.test.corpus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization.Cause;

/**
 * What escape must decide for one allocation site of a corpus method that has to keep its
 * allocation (on all or on some paths), and why: the cause of its first materialization.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Expect {
    Decision decision();

    Cause cause();

    /** The simple name of the site's type ({@code Box}, {@code int[]}); empty: the method's first site. */
    String site() default "";

    /**
     * For {@link Cause#HOLDER_ESCAPED}: the simple name of the type of the direct holder (the next
     * link of the chain, not the root that escaped); empty: not checked.
     */
    String holder() default "";

    /**
     * For {@link Cause#HOLDER_ESCAPED}: the simple names of the types of the whole chain of
     * holders, from the direct holder to the one that escaped for a reason of its own, and that
     * reason ({@code Materialization.reason()}) last; empty: not checked.
     */
    String[] holderChain() default {};
}

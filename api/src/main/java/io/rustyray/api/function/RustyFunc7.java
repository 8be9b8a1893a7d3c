package io.rustyray.api.function;

/** A remote function of 7 argument(s) returning a value. */
@FunctionalInterface
public interface RustyFunc7<T0, T1, T2, T3, T4, T5, T6, R> extends RustyFunc {
  R apply(T0 t0, T1 t1, T2 t2, T3 t3, T4 t4, T5 t5, T6 t6) throws Exception;
}

package io.rustyray.api.function;

/** A remote function of 5 argument(s) returning nothing. */
@FunctionalInterface
public interface RustyFuncVoid5<T0, T1, T2, T3, T4> extends RustyFunc {
  void apply(T0 t0, T1 t1, T2 t2, T3 t3, T4 t4) throws Exception;
}

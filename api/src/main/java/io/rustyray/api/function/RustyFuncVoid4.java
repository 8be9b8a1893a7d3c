package io.rustyray.api.function;

/** A remote function of 4 argument(s) returning nothing. */
@FunctionalInterface
public interface RustyFuncVoid4<T0, T1, T2, T3> extends RustyFunc {
  void apply(T0 t0, T1 t1, T2 t2, T3 t3) throws Exception;
}

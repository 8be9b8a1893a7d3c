package io.rustyray.api.function;

/** A remote function of 3 argument(s) returning nothing. */
@FunctionalInterface
public interface RustyFuncVoid3<T0, T1, T2> extends RustyFunc {
  void apply(T0 t0, T1 t1, T2 t2) throws Exception;
}

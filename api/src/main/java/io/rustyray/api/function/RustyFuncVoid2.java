package io.rustyray.api.function;

/** A remote function of 2 argument(s) returning nothing. */
@FunctionalInterface
public interface RustyFuncVoid2<T0, T1> extends RustyFunc {
  void apply(T0 t0, T1 t1) throws Exception;
}

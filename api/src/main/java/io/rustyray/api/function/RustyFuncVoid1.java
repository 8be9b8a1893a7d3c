package io.rustyray.api.function;

/** A remote function of 1 argument(s) returning nothing. */
@FunctionalInterface
public interface RustyFuncVoid1<T0> extends RustyFunc {
  void apply(T0 t0) throws Exception;
}

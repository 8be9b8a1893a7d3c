package io.rustyray.local;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.RustyException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A call's arguments as they would travel: plain values encoded now, in the caller's thread (so a
 * value that cannot cross the wire fails at {@code remote()}, as in the cluster), and {@link
 * ObjectRef}s as the future bytes of their value, which the call waits for before it runs.
 */
final class LocalArguments {
  private LocalArguments() {}

  /**
   * @param args the arguments as the caller gave them
   * @return the encoded arguments, each ready once its value is
   * @throws RustyException when a value cannot be encoded, or is a reference of another runtime
   */
  static List<CompletableFuture<byte[]>> encode(Object[] args) {
    List<CompletableFuture<byte[]>> encoded = new ArrayList<>(args.length);
    for (Object arg : args) {
      if (arg instanceof LocalObjectRef<?> ref) {
        encoded.add(ref.bytes());
      } else if (arg instanceof ObjectRef<?>) {
        throw new RustyException("an ObjectRef of another runtime cannot be passed: " + arg);
      } else {
        encoded.add(CompletableFuture.completedFuture(LocalObjects.encode(arg)));
      }
    }
    return encoded;
  }

  /**
   * @param encoded what {@link #encode} returned
   * @return completes with the bytes of every argument, or fails as the first failed reference did
   */
  static CompletableFuture<List<byte[]>> whenReady(List<CompletableFuture<byte[]>> encoded) {
    return CompletableFuture.allOf(encoded.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> encoded.stream().map(CompletableFuture::join).toList());
  }
}

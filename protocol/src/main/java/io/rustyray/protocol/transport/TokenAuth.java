package io.rustyray.protocol.transport;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The cluster token, sent as a bearer token on every call and checked on every server. */
public final class TokenAuth {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private TokenAuth() {}

  /**
   * @param token the cluster token; empty sends nothing
   * @return an interceptor that adds the token to every call
   */
  public static ClientInterceptor client(String token) {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
            next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            if (!token.isEmpty()) {
              headers.put(AUTHORIZATION, "Bearer " + token);
            }
            super.start(listener, headers);
          }
        };
      }
    };
  }

  /**
   * @param token the cluster token; empty accepts every call
   * @return an interceptor that refuses calls without the token with UNAUTHENTICATED
   */
  public static ServerInterceptor server(String token) {
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!token.isEmpty()) {
          String given = headers.get(AUTHORIZATION);
          if (given == null) {
            call.close(
                Status.UNAUTHENTICATED.withDescription(
                    "this cluster requires a token: pass --token or set RUSTYRAY_TOKEN"),
                new Metadata());
            return new ServerCall.Listener<>() {};
          }
          if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            call.close(
                Status.UNAUTHENTICATED.withDescription("the cluster token is wrong"),
                new Metadata());
            return new ServerCall.Listener<>() {};
          }
        }
        return next.startCall(call, headers);
      }
    };
  }
}

package io.rustyray.local.examples;

import io.rustyray.api.Checkpointable;

/** A durable actor whose state type Jackson can write but not read back: it has no creator. */
public class Vault implements Checkpointable<Vault.Secret> {
  /** Written through its getters; read back it cannot be, having no default constructor. */
  public static final class Secret {
    private final String code;
    private final int tries;

    public Secret(String code, int tries) {
      this.code = code;
      this.tries = tries;
    }

    public String getCode() {
      return code;
    }

    public int getTries() {
      return tries;
    }
  }

  private Secret secret = new Secret("", 0);

  public int set(String code) {
    secret = new Secret(code, secret.getTries() + 1);
    return secret.getTries();
  }

  @Override
  public Secret saveCheckpoint() {
    return secret;
  }

  @Override
  public void loadCheckpoint(Secret checkpoint) {
    secret = checkpoint;
  }
}

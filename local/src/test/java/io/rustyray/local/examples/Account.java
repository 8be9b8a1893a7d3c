package io.rustyray.local.examples;

import io.rustyray.api.Checkpointable;

/** A durable account whose state is a record. */
public class Account implements Checkpointable<Account.Balance> {
  /** What the account keeps. */
  public record Balance(String owner, long cents) {}

  private Balance balance;
  private String loadedType = "";

  public Account(String owner) {
    this.balance = new Balance(owner, 0);
  }

  public long deposit(long cents) {
    balance = new Balance(balance.owner(), balance.cents() + cents);
    return balance.cents();
  }

  public Balance balance() {
    return balance;
  }

  /** The class of the value {@code loadCheckpoint} was given, or empty. */
  public String loadedType() {
    return loadedType;
  }

  @Override
  public Balance saveCheckpoint() {
    return balance;
  }

  @Override
  public void loadCheckpoint(Balance checkpoint) {
    loadedType = checkpoint.getClass().getName();
    balance = checkpoint;
  }
}

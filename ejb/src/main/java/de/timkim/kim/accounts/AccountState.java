package de.timkim.kim.accounts;

/** Lifecycle of a KIM account. */
public enum AccountState {
  /** Sends and receives. */
  ACTIVE,
  /** Temporarily barred by its institution: no login, no sending, mail for it is refused. */
  LOCKED,
  /**
   * Given up: no sending, no receiving; mail not yet retrieved stays retrievable for the retention
   * period, then goes.
   */
  DEREGISTERED
}

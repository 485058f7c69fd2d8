package de.timkim.messenger.keys;

import de.timkim.platform.secrets.SecretsAtRestStartup;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;

/** Inserts a new key in its own transaction, so a lost race does not roll back the caller. */
@Stateless
public class SigningKeyCreator {

  /** Synapse's and the spec's convention: algorithm, then a short version. */
  static final String KEY_ID = "ed25519:a_1";

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private SecretsAtRestStartup secrets;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void create(String serverName) {
    Ed25519.Generated generated = Ed25519.generate();
    em.persist(
        new ServerSigningKey(
            serverName,
            KEY_ID,
            secrets.secrets().seal(Ed25519.unpaddedBase64(generated.seed())),
            Ed25519.unpaddedBase64(generated.publicKey()),
            clock.millis()));
    em.flush();
  }
}

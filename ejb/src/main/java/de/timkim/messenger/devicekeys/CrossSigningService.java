package de.timkim.messenger.devicekeys;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.accounts.UserInteractiveAuth;
import de.timkim.messenger.keys.JsonSigning;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Cross-signing keys and signatures
 * (https://spec.matrix.org/v1.11/client-server-api/#cross-signing). The first upload needs no
 * password (spec v1.11, MSC3967); replacing keys does, through user-interactive authentication.
 */
@Stateless
public class CrossSigningService {

  public static final String MASTER = "master";
  public static final String SELF_SIGNING = "self_signing";
  public static final String USER_SIGNING = "user_signing";

  @PersistenceContext private EntityManager em;

  @Inject private UserInteractiveAuth uia;

  @Inject private DeviceLists deviceLists;

  /** POST /keys/device_signing/upload; absent keys stay as they are. */
  public void uploadSigningKeys(
      Requester requester,
      JsonObject master,
      JsonObject selfSigning,
      JsonObject userSigning,
      JsonObject auth) {
    String user = requester.userId().toString();
    Map<String, JsonObject> uploaded = new LinkedHashMap<>();
    Map<String, String> publicKeys = new LinkedHashMap<>();
    if (master != null) {
      publicKeys.put(MASTER, KeyFormats.checkCrossSigningKey(master, user, MASTER));
      uploaded.put(MASTER, master);
    }
    String masterKey = publicKeys.getOrDefault(MASTER, publicKey(user, MASTER).orElse(null));
    for (var part :
        List.of(
            Map.entry(SELF_SIGNING, opt(selfSigning)), Map.entry(USER_SIGNING, opt(userSigning)))) {
      if (part.getValue().isEmpty()) {
        continue;
      }
      JsonObject key = part.getValue().get();
      publicKeys.put(part.getKey(), checkSignedByMaster(key, user, part.getKey(), masterKey));
      uploaded.put(part.getKey(), key);
    }
    if (uploaded.isEmpty()) {
      return;
    }
    boolean anyNew =
        uploaded.entrySet().stream()
            .anyMatch(
                e ->
                    stored(user, e.getKey())
                        .map(s -> !s.equals(withoutUnsigned(e.getValue())))
                        .orElse(true));
    if (!anyNew) {
      return; // a retried upload of the same keys: idempotent, no password needed
    }
    if (publicKey(user, MASTER).isPresent()) {
      uia.require(
          "device_signing", requester.userId(), auth, List.of(UserInteractiveAuth.PASSWORD));
    }
    storeSigningKeys(user, uploaded, publicKeys);
    deviceLists.changed(requester.userId());
  }

  /** A self-signing or user-signing key's public key, once it is known the master key signed it. */
  private static String checkSignedByMaster(
      JsonObject key, String user, String type, String masterKey) {
    String publicKey = KeyFormats.checkCrossSigningKey(key, user, type);
    if (masterKey == null) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, type + "_key needs a master key first");
    }
    if (!key.containsKey("signatures") || !KeyFormats.signedBy(key, user, "ed25519:" + masterKey)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_SIGNATURE, type + "_key must be signed by the master key");
    }
    return publicKey;
  }

  private void storeSigningKeys(
      String user, Map<String, JsonObject> uploaded, Map<String, String> publicKeys) {
    for (var entry : uploaded.entrySet()) {
      em.createNativeQuery("DELETE FROM cross_signing_key WHERE user_id = ?1 AND key_type = ?2")
          .setParameter(1, user)
          .setParameter(2, entry.getKey())
          .executeUpdate();
      em.createNativeQuery(
              "INSERT INTO cross_signing_key (user_id, key_type, public_key, key_json)"
                  + " VALUES (?1, ?2, ?3, ?4)")
          .setParameter(1, user)
          .setParameter(2, entry.getKey())
          .setParameter(3, publicKeys.get(entry.getKey()))
          .setParameter(4, withoutUnsigned(entry.getValue()).toString())
          .executeUpdate();
    }
  }

  /**
   * POST /keys/signatures/upload: the requester's signatures of their own devices and master key,
   * or (with their user-signing key) of other users' master keys. Returns the failures map.
   */
  public JsonObject uploadSignatures(Requester requester, JsonObject body) {
    String signer = requester.userId().toString();
    Map<String, JsonObjectBuilder> failures = new TreeMap<>();
    java.util.Set<String> changed = new java.util.TreeSet<>();
    for (Map.Entry<String, JsonValue> byUser : body.entrySet()) {
      String target = UserId.parse(byUser.getKey()).toString();
      if (byUser.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
        throw new MatrixException(
            ErrorCode.M_BAD_JSON, "Signatures of " + target + " must be an object");
      }
      for (Map.Entry<String, JsonValue> byKey : byUser.getValue().asJsonObject().entrySet()) {
        String targetKey = byKey.getKey();
        Optional<String> failure = storeSignatures(signer, target, targetKey, byKey.getValue());
        if (failure.isPresent()) {
          failures
              .computeIfAbsent(target, t -> Jsonp.createObjectBuilder())
              .add(
                  targetKey,
                  Jsonp.createObjectBuilder()
                      .add("errcode", ErrorCode.M_INVALID_SIGNATURE.name())
                      .add("error", failure.get()));
        } else {
          changed.add(target);
        }
      }
    }
    // last: each change takes the stream position, whose row lock is held until commit
    changed.forEach(user -> deviceLists.changed(UserId.parse(user)));
    JsonObjectBuilder answer = Jsonp.createObjectBuilder();
    failures.forEach(answer::add);
    return Jsonp.createObjectBuilder().add("failures", answer).build();
  }

  private Optional<String> storeSignatures(
      String signer, String target, String targetKey, JsonValue value) {
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      return Optional.of("The signed object must be a JSON object");
    }
    JsonObject signed = value.asJsonObject();
    try {
      KeyFormats.checkSignatures(signed, targetKey);
    } catch (MatrixException e) {
      return Optional.of(e.getMessage());
    }
    boolean isDevice = deviceKeysExist(target, targetKey);
    boolean isCrossSigningKey = crossSigningKeyExists(target, targetKey);
    if (!isDevice && !isCrossSigningKey) {
      return Optional.of("Unknown key " + targetKey + " of " + target);
    }
    JsonObject bySigner = signed.getJsonObject("signatures").getJsonObject(signer);
    if (bySigner == null || bySigner.isEmpty()) {
      return Optional.of("No signature by " + signer);
    }
    Optional<String> invalid = invalidSignature(signer, target, signed, bySigner);
    if (invalid.isPresent()) {
      return invalid;
    }
    for (Map.Entry<String, JsonValue> signature : bySigner.entrySet()) {
      em.createNativeQuery(
              "DELETE FROM key_signature WHERE signer_user_id = ?1 AND signer_key_id = ?2"
                  + " AND target_user_id = ?3 AND target_key_id = ?4")
          .setParameter(1, signer)
          .setParameter(2, signature.getKey())
          .setParameter(3, target)
          .setParameter(4, targetKey)
          .executeUpdate();
      em.createNativeQuery(
              "INSERT INTO key_signature (signer_user_id, signer_key_id, target_user_id,"
                  + " target_key_id, signature) VALUES (?1, ?2, ?3, ?4, ?5)")
          .setParameter(1, signer)
          .setParameter(2, signature.getKey())
          .setParameter(3, target)
          .setParameter(4, targetKey)
          .setParameter(5, ((jakarta.json.JsonString) signature.getValue()).getString())
          .executeUpdate();
    }
    return Optional.empty();
  }

  /** Why one of {@code signer}'s signatures of {@code signed} is not kept, if one is not. */
  private Optional<String> invalidSignature(
      String signer, String target, JsonObject signed, JsonObject bySigner) {
    for (Map.Entry<String, JsonValue> signature : bySigner.entrySet()) {
      String signerKey = KeyFormats.keyId(signature.getKey()).keyId();
      if (!signer.equals(target) && !signerKey.equals(publicKey(signer, USER_SIGNING).orElse(""))) {
        return Optional.of("Other users' keys are signed with your user-signing key");
      }
      // a stored signature is served to everybody who queries the key, and clients trust what it
      // vouches for: only one that verifies (ed25519 over the canonical JSON without signatures
      // and unsigned) is kept; the others go into the answer's failures map (POST
      // /keys/signatures/upload, M_INVALID_SIGNATURE)
      if (!(signature.getValue() instanceof jakarta.json.JsonString signatureText)) {
        return Optional.of("A signature must be a string");
      }
      Optional<String> signingKey = signingKey(signer, signature.getKey());
      if (signingKey.isEmpty()) {
        return Optional.of("Unknown signing key " + signature.getKey() + " of " + signer);
      }
      if (!JsonSigning.verify(signed, signingKey.get(), signatureText.getString())) {
        return Optional.of("Invalid signature by " + signature.getKey());
      }
    }
    return Optional.empty();
  }

  /**
   * The user's key of that type as {@code viewer} sees it: with the signatures the owner uploaded
   * and those {@code viewer} made of it (user-signing signatures are private).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<JsonObject> key(String user, String type, String viewer) {
    return publicKey(user, type)
        .flatMap(
            publicKey -> stored(user, type).map(k -> withSignatures(k, user, publicKey, viewer)));
  }

  /**
   * Adds uploaded signatures of {@code targetKey} to a key object: the owner's own, and {@code
   * viewer}'s (null: the owner's only).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public JsonObject withSignatures(JsonObject key, String owner, String targetKey, String viewer) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT signer_user_id, signer_key_id, signature FROM key_signature"
                    + " WHERE target_user_id = ?1 AND target_key_id = ?2"
                    + " AND (signer_user_id = ?1 OR signer_user_id = ?3)")
            .setParameter(1, owner)
            .setParameter(2, targetKey)
            .setParameter(3, viewer == null ? owner : viewer)
            .getResultList();
    if (rows.isEmpty()) {
      return key;
    }
    Map<String, JsonObjectBuilder> signatures = new TreeMap<>();
    JsonObject existing = key.getJsonObject("signatures");
    if (existing != null) {
      existing.forEach(
          (user, sigs) -> signatures.put(user, Jsonp.createObjectBuilder(sigs.asJsonObject())));
    }
    for (Object[] row : rows) {
      signatures
          .computeIfAbsent((String) row[0], u -> Jsonp.createObjectBuilder())
          .add((String) row[1], (String) row[2]);
    }
    JsonObjectBuilder merged = Jsonp.createObjectBuilder();
    signatures.forEach(merged::add);
    return Jsonp.createObjectBuilder(key).add("signatures", merged).build();
  }

  private Optional<String> publicKey(String user, String type) {
    return em.createNativeQuery(
            "SELECT public_key FROM cross_signing_key WHERE user_id = ?1 AND key_type = ?2")
        .setParameter(1, user)
        .setParameter(2, type)
        .getResultStream()
        .findFirst()
        .map(Object::toString);
  }

  private Optional<JsonObject> stored(String user, String type) {
    return em.createNativeQuery(
            "SELECT key_json FROM cross_signing_key WHERE user_id = ?1 AND key_type = ?2")
        .setParameter(1, user)
        .setParameter(2, type)
        .getResultStream()
        .findFirst()
        .map(json -> DeviceKeyService.parse(json.toString()));
  }

  /**
   * The ed25519 public key {@code keyId} names: one of the signer's cross-signing keys (their ID is
   * the public key) or one of the signer's devices (signing their master key).
   */
  private Optional<String> signingKey(String signer, String keyId) {
    KeyFormats.KeyId id = KeyFormats.keyId(keyId);
    if (!"ed25519".equals(id.algorithm())) {
      return Optional.empty();
    }
    if (crossSigningKeyExists(signer, id.keyId())) {
      return Optional.of(id.keyId());
    }
    List<?> rows =
        em.createNativeQuery(
                "SELECT key_json FROM device_keys WHERE user_id = ?1 AND device_id = ?2")
            .setParameter(1, signer)
            .setParameter(2, id.keyId())
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    JsonObject deviceKeys =
        Jsonp.createReader(new java.io.StringReader(rows.get(0).toString())).readObject();
    JsonObject keys = deviceKeys.getJsonObject("keys");
    return Optional.ofNullable(keys == null ? null : keys.getString(keyId, null));
  }

  private boolean deviceKeysExist(String user, String deviceId) {
    return !em.createNativeQuery("SELECT 1 FROM device_keys WHERE user_id = ?1 AND device_id = ?2")
        .setParameter(1, user)
        .setParameter(2, deviceId)
        .getResultList()
        .isEmpty();
  }

  private boolean crossSigningKeyExists(String user, String publicKey) {
    return !em.createNativeQuery(
            "SELECT 1 FROM cross_signing_key WHERE user_id = ?1 AND public_key = ?2")
        .setParameter(1, user)
        .setParameter(2, publicKey)
        .getResultList()
        .isEmpty();
  }

  private static JsonObject withoutUnsigned(JsonObject key) {
    return key.containsKey("unsigned")
        ? Jsonp.createObjectBuilder(key).remove("unsigned").build()
        : key;
  }

  private static Optional<JsonObject> opt(JsonObject key) {
    return Optional.ofNullable(key);
  }
}

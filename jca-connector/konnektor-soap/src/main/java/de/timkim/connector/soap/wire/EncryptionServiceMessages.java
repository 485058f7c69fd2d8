package de.timkim.connector.soap.wire;

import static de.timkim.connector.soap.wire.Namespaces.CCTX;
import static de.timkim.connector.soap.wire.Namespaces.CONN;
import static de.timkim.connector.soap.wire.Namespaces.CRYPT;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** EncryptionService v6.1 EncryptDocument and DecryptDocument. */
public final class EncryptionServiceMessages {

  private EncryptionServiceMessages() {}

  @XmlRootElement(name = "EncryptDocument", namespace = CRYPT)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "EncryptDocument",
      namespace = CRYPT,
      propOrder = {"context", "recipientKeys", "document", "optionalInputs"})
  public static class EncryptDocument {
    @XmlElement(name = "Context", namespace = CCTX, required = true)
    public Common.Context context;

    @XmlElement(name = "RecipientKeys", namespace = CRYPT, required = true)
    public RecipientKeys recipientKeys = new RecipientKeys();

    @XmlElement(name = "Document", namespace = CONN, required = true)
    public Common.Document document;

    @XmlElement(name = "OptionalInputs", namespace = CRYPT)
    public EncryptOptionalInputs optionalInputs;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "RecipientKeys",
      namespace = CRYPT,
      propOrder = {"certificateOnCard", "certificate"})
  public static class RecipientKeys {
    @XmlElement(name = "CertificateOnCard", namespace = CRYPT)
    public KeyOnCard certificateOnCard;

    @XmlElement(name = "Certificate", namespace = CRYPT)
    public List<byte[]> certificate = new ArrayList<>();
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(name = "EncryptOptionalInputs", namespace = CRYPT)
  public static class EncryptOptionalInputs {
    @XmlElement(name = "EncryptionType", namespace = CRYPT)
    public String encryptionType;
  }

  /** KeyOnCardType: a card's key, C.ENC unless KeyReference says otherwise. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "KeyOnCardType",
      namespace = CRYPT,
      propOrder = {"cardHandle", "keyReference", "crypt"})
  public static class KeyOnCard {
    @XmlElement(name = "CardHandle", namespace = CONN, required = true)
    public String cardHandle;

    @XmlElement(name = "KeyReference", namespace = CRYPT)
    public String keyReference;

    @XmlElement(name = "Crypt", namespace = CRYPT)
    public String crypt;
  }

  @XmlRootElement(name = "EncryptDocumentResponse", namespace = CRYPT)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "EncryptDocumentResponse",
      namespace = CRYPT,
      propOrder = {"status", "document"})
  public static class EncryptDocumentResponse {
    @XmlElement(name = "Status", namespace = CONN, required = true)
    public Common.Status status;

    @XmlElement(name = "Document", namespace = CONN)
    public Common.Document document;
  }

  @XmlRootElement(name = "DecryptDocument", namespace = CRYPT)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "DecryptDocument",
      namespace = CRYPT,
      propOrder = {"context", "privateKeyOnCard", "document"})
  public static class DecryptDocument {
    @XmlElement(name = "Context", namespace = CCTX, required = true)
    public Common.Context context;

    @XmlElement(name = "PrivateKeyOnCard", namespace = CRYPT, required = true)
    public KeyOnCard privateKeyOnCard;

    @XmlElement(name = "Document", namespace = CONN, required = true)
    public Common.Document document;
  }

  @XmlRootElement(name = "DecryptDocumentResponse", namespace = CRYPT)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "DecryptDocumentResponse",
      namespace = CRYPT,
      propOrder = {"status", "document"})
  public static class DecryptDocumentResponse {
    @XmlElement(name = "Status", namespace = CONN, required = true)
    public Common.Status status;

    @XmlElement(name = "Document", namespace = CONN)
    public Common.Document document;
  }
}

package de.timkim.connector.soap.wire;

import static de.timkim.connector.soap.wire.Namespaces.CARD;
import static de.timkim.connector.soap.wire.Namespaces.CARDCMN;
import static de.timkim.connector.soap.wire.Namespaces.CCTX;
import static de.timkim.connector.soap.wire.Namespaces.CONN;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigInteger;

/** CardService v8.1 GetPinStatus and VerifyPin. */
public final class CardServiceMessages {

  private CardServiceMessages() {}

  @XmlRootElement(name = "GetPinStatus", namespace = CARD)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "GetPinStatus",
      namespace = CARD,
      propOrder = {"context", "cardHandle", "pinTyp"})
  public static class GetPinStatus {
    @XmlElement(name = "Context", namespace = CCTX, required = true)
    public Common.Context context;

    @XmlElement(name = "CardHandle", namespace = CONN, required = true)
    public String cardHandle;

    @XmlElement(name = "PinTyp", namespace = CARDCMN, required = true)
    public String pinTyp;
  }

  @XmlRootElement(name = "GetPinStatusResponse", namespace = CARD)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "GetPinStatusResponse",
      namespace = CARD,
      propOrder = {"status", "pinStatus", "leftTries"})
  public static class GetPinStatusResponse {
    @XmlElement(name = "Status", namespace = CONN, required = true)
    public Common.Status status;

    @XmlElement(name = "PinStatus", namespace = CARD)
    public String pinStatus;

    @XmlElement(name = "LeftTries", namespace = CARD)
    public BigInteger leftTries;
  }

  @XmlRootElement(name = "VerifyPin", namespace = CARD)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "VerifyPin",
      namespace = CARD,
      propOrder = {"context", "cardHandle", "pinTyp"})
  public static class VerifyPin {
    @XmlElement(name = "Context", namespace = CCTX, required = true)
    public Common.Context context;

    @XmlElement(name = "CardHandle", namespace = CONN, required = true)
    public String cardHandle;

    @XmlElement(name = "PinTyp", namespace = CARDCMN, required = true)
    public String pinTyp;
  }

  /** CardServiceCommon PinResponseType (the VerifyPinResponse element). */
  @XmlRootElement(name = "VerifyPinResponse", namespace = CARD)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "PinResponseType",
      namespace = CARDCMN,
      propOrder = {"status", "pinResult", "leftTries"})
  public static class VerifyPinResponse {
    @XmlElement(name = "Status", namespace = CONN, required = true)
    public Common.Status status;

    @XmlElement(name = "PinResult", namespace = CARDCMN, required = true)
    public String pinResult;

    @XmlElement(name = "LeftTries", namespace = CARDCMN)
    public BigInteger leftTries;
  }
}

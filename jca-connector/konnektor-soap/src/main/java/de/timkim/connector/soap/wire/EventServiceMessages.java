package de.timkim.connector.soap.wire;

import static de.timkim.connector.soap.wire.Namespaces.CARD;
import static de.timkim.connector.soap.wire.Namespaces.CARDCMN;
import static de.timkim.connector.soap.wire.Namespaces.CCTX;
import static de.timkim.connector.soap.wire.Namespaces.CONN;
import static de.timkim.connector.soap.wire.Namespaces.EVT;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import javax.xml.datatype.XMLGregorianCalendar;

/** EventService v7.2 GetCards, with CardService v8.1 CardInfoType for the answer. */
public final class EventServiceMessages {

  private EventServiceMessages() {}

  @XmlRootElement(name = "GetCards", namespace = EVT)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "GetCards",
      namespace = EVT,
      propOrder = {"context", "cardType"})
  public static class GetCards {
    @XmlElement(name = "Context", namespace = CCTX, required = true)
    public Common.Context context;

    @XmlElement(name = "CardType", namespace = CARDCMN)
    public String cardType;

    @XmlAttribute(name = "mandant-wide")
    public Boolean mandantWide;
  }

  @XmlRootElement(name = "GetCardsResponse", namespace = EVT)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "GetCardsResponse",
      namespace = EVT,
      propOrder = {"status", "cards"})
  public static class GetCardsResponse {
    @XmlElement(name = "Status", namespace = CONN, required = true)
    public Common.Status status;

    @XmlElement(name = "Cards", namespace = CARD, required = true)
    public Cards cards = new Cards();
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(name = "Cards", namespace = CARD)
  public static class Cards {
    @XmlElement(name = "Card", namespace = CARD)
    public List<CardInfo> card = new ArrayList<>();
  }

  /** CardService v8.1 CardInfoType, without the version details TIM-KIM does not read. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "CardInfoType",
      namespace = CARD,
      propOrder = {
        "cardHandle",
        "cardType",
        "iccsn",
        "ctId",
        "slotId",
        "insertTime",
        "cardHolderName"
      })
  public static class CardInfo {
    @XmlElement(name = "CardHandle", namespace = CONN, required = true)
    public String cardHandle;

    @XmlElement(name = "CardType", namespace = CARDCMN, required = true)
    public String cardType;

    @XmlElement(name = "Iccsn", namespace = CARDCMN)
    public String iccsn;

    @XmlElement(name = "CtId", namespace = CARDCMN, required = true)
    public String ctId;

    @XmlElement(name = "SlotId", namespace = CARDCMN, required = true)
    public java.math.BigInteger slotId;

    @XmlElement(name = "InsertTime", namespace = CARD, required = true)
    public XMLGregorianCalendar insertTime;

    @XmlElement(name = "CardHolderName", namespace = CARD)
    public String cardHolderName;
  }
}

package de.timkim.connector.soap.wire;

import de.timkim.connector.KonnektorContext;
import de.timkim.connector.KonnektorException;
import jakarta.xml.ws.WebFault;
import java.math.BigInteger;
import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.UUID;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/**
 * The SOAP fault every Konnektor operation declares (wsdl:fault FaultMessage with GERROR:Error):
 * converts between {@link KonnektorException} and the TelematikError on the wire, so error codes
 * survive the SOAP path in both directions.
 */
@WebFault(name = "Error", targetNamespace = Namespaces.GERROR)
public class KonnektorFault extends Exception {

  private static final long serialVersionUID = 1L;

  private final Common.TelematikError faultInfo;

  public KonnektorFault(String message, Common.TelematikError faultInfo) {
    super(message);
    this.faultInfo = faultInfo;
  }

  public KonnektorFault(String message, Common.TelematikError faultInfo, Throwable cause) {
    super(message, cause);
    this.faultInfo = faultInfo;
  }

  public Common.TelematikError getFaultInfo() {
    return faultInfo;
  }

  public static KonnektorFault of(KonnektorException e) {
    Common.Trace trace = new Common.Trace();
    trace.compType = "Konnektor";
    trace.code = BigInteger.valueOf(e.code());
    trace.severity = "Error";
    trace.errorType = errorType(e);
    trace.errorText = e.getMessage();
    Common.TelematikError error = new Common.TelematikError();
    error.messageId = UUID.randomUUID().toString();
    error.timestamp = now();
    error.trace.add(trace);
    return new KonnektorFault(e.getMessage(), error);
  }

  /** The exception the first trace's code stands for. */
  public KonnektorException toKonnektorException() {
    if (faultInfo == null || faultInfo.trace.isEmpty() || faultInfo.trace.get(0).code == null) {
      return new KonnektorException(0, "Konnektor fault without error code: " + getMessage());
    }
    Common.Trace trace = faultInfo.trace.get(0);
    String text = trace.errorText == null ? getMessage() : trace.errorText;
    return KonnektorException.of(trace.code.intValue(), text);
  }

  private static String errorType(KonnektorException e) {
    // gemSpec_Kon marks PIN and certificate failures as Security, the rest as Technical
    return switch (e.code()) {
      case 4063, 4275, 4276, 1021, 1047 -> "Security";
      default -> "Technical";
    };
  }

  static XMLGregorianCalendar now() {
    try {
      GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      calendar.setTimeInMillis(Instant.now().toEpochMilli());
      return DatatypeFactory.newInstance().newXMLGregorianCalendar(calendar);
    } catch (DatatypeConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The wire form of a call context. */
  public static Common.Context context(KonnektorContext context) {
    Common.Context wire = new Common.Context();
    wire.mandantId = context.mandantId();
    wire.clientSystemId = context.clientSystemId();
    wire.workplaceId = context.workplaceId();
    wire.userId = context.userId();
    return wire;
  }

  /** A call context from the wire; malformed IDs are the Konnektor's 4004/4005/4006. */
  public static KonnektorContext context(Common.Context wire) throws KonnektorException {
    if (wire == null) {
      throw new KonnektorException(
          4021,
          "Es sind nicht alle Pflichtparameter mandantId, clientSystemId, workplaceId gefüllt.");
    }
    try {
      return new KonnektorContext(
          wire.mandantId, wire.clientSystemId, wire.workplaceId, wire.userId);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new KonnektorException(
          4021,
          "Es sind nicht alle Pflichtparameter mandantId, clientSystemId, workplaceId gefüllt.");
    }
  }

  /** Current time for the wire, as Konnektors timestamp their answers. */
  public static XMLGregorianCalendar timestamp() {
    return now();
  }
}

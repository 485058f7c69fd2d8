package de.timkim.admin.kim;

import de.timkim.admin.login.PortalTenant;
import de.timkim.admin.web.PortalMessages;
import de.timkim.organisations.kim.OrganisationKimAddresses;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The organisation's KIM addresses; read-only (the operator assigns them). */
@Named
@RequestScoped
public class KimView {

  @Inject OrganisationKimAddresses kimAddresses;

  @Inject PortalTenant tenant;

  /** One address as the table shows it. */
  public record Row(String address, String state, String deregisteredAt) {
    public String getAddress() {
      return address;
    }

    public String getState() {
      return state;
    }

    public String getDeregisteredAt() {
      return deregisteredAt;
    }
  }

  private List<Row> addresses;

  public List<Row> getAddresses() {
    if (addresses == null) {
      addresses =
          kimAddresses.addresses(tenant.scope()).stream()
              .map(
                  a ->
                      new Row(
                          a.address(),
                          a.state(),
                          a.deregisteredAt() == null
                              ? ""
                              : PortalMessages.dateTime(a.deregisteredAt())))
              .toList();
    }
    return addresses;
  }
}

package de.timkim.admin.overview;

import de.timkim.platform.status.ServiceStatus;
import de.timkim.platform.status.StatusService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

@Named
@ViewScoped
public class OverviewView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient StatusService statusService;

  private ServiceStatus status;

  @PostConstruct
  void load() {
    status = statusService.check();
  }

  public String getServerNames() {
    return String.join(", ", status.serverNames());
  }

  public ServiceStatus getStatus() {
    return status;
  }
}

package de.timkim.it;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The built EAR, unchanged: what hospital IT deploys is what the tests deploy. */
public abstract class DeployedEar {

  @Deployment(testable = false, name = "tim-kim")
  public static EnterpriseArchive ear() {
    File ear = new File(System.getProperty("it.ear"));
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
  }
}

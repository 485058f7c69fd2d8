package de.timkim.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floors of the code base, checked on the compiled classes of every module: no package cycle,
 * shared mechanisms below the features that use them, the two services (messenger, KIM) apart. Runs
 * in the plain unit tier (no server).
 */
class ArchitectureTest {

  private static final List<String> MODULES =
      List.of(
          "ejb",
          "web-api",
          "web-admin",
          "jca-connector/konnektor-api",
          "jca-connector/konnektor-soap",
          "jca-connector/konnektor-adapter");

  private static final String[] FEATURES = {
    "de.timkim.messenger..",
    "de.timkim.kim..",
    "de.timkim.organisations..",
    "de.timkim.admin..",
    "de.timkim.status..",
    "de.timkim.api.."
  };

  /**
   * Entities the web layer still reads, outside the organisations and admin facades: the client API
   * (devices, room history) and the KIM account services. Each line goes with its fix.
   */
  private static final Set<String> KNOWN_ENTITY_LEAKS =
      Set.of(
          "de.timkim.messenger.events.StoredEvent",
          "de.timkim.kim.accounts.KimAccount",
          "de.timkim.kim.absence.AbsenceNote");

  private static JavaClasses classes;

  @BeforeAll
  static void importModules() {
    Path root = Path.of(System.getProperty("arch.root", ".."));
    List<Path> dirs =
        MODULES.stream()
            .map(m -> root.resolve(m).resolve("target/classes"))
            .filter(Files::isDirectory)
            .toList();
    classes = new ClassFileImporter().importPaths(dirs);
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching("de.timkim.(**)").should().beFreeOfCycles().check(classes);
  }

  /**
   * Cargo Tracker's rule: the facades hand records to JSF and REST, never JPA entities (a lazy
   * association or a setter must not reach a page or a JSON encoder).
   */
  @Test
  void noWebClassDependsOnAnEntity() {
    noClasses()
        .that(
            describe(
                "are in web-api or web-admin",
                c ->
                    c.getSource()
                        .map(source -> source.getUri().toString())
                        .filter(uri -> uri.contains("/web-api/") || uri.contains("/web-admin/"))
                        .isPresent()))
        .should()
        .dependOnClassesThat(
            describe(
                "are JPA entities",
                c ->
                    c.isAnnotatedWith("jakarta.persistence.Entity")
                        && !KNOWN_ENTITY_LEAKS.contains(c.getName())))
        .check(classes);
  }

  @Test
  void platformImportsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("de.timkim.platform..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FEATURES)
        .check(classes);
  }

  @Test
  void theStreamBelowTheMessengerImportsNoMessengerFeature() {
    noClasses()
        .that()
        .resideInAPackage("de.timkim.messenger.stream..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("de.timkim.messenger..")
                .and(describe("outside the stream", c -> !c.getPackageName().contains(".stream"))))
        .check(classes);
  }

  @Test
  void kimDoesNotImportTheMessenger() {
    noClasses()
        .that()
        .resideInAPackage("de.timkim.kim..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("de.timkim.messenger..")
        .check(classes);
  }

  @Test
  void theKimFachdienstDoesNotImportTheClientModule() {
    // the client module runs at the practice (gematik: Clientmodul), the Fachdienst at the
    // provider; they share only the KIM floor (addresses, accounts, TLS), never each other's code
    noClasses()
        .that(
            resideInAPackage("de.timkim.kim..")
                .and(
                    describe(
                        "outside the client module", c -> !isClientModule(c.getPackageName()))))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("de.timkim.kim.clientmodule..")
        .check(classes);
  }

  private static boolean isClientModule(String packageName) {
    return packageName.equals("de.timkim.kim.clientmodule")
        || packageName.startsWith("de.timkim.kim.clientmodule.");
  }

  @Test
  void theMessengerDoesNotImportKimOrTheOrganisationsAboveIt() {
    noClasses()
        .that()
        .resideInAPackage("de.timkim.messenger..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("de.timkim.kim..", "de.timkim.organisations..", "de.timkim.admin.."))
        .check(classes);
  }
}

package dev.switchboard.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers of the README's layout, read from the compiled classes: resources call services, services call
 * repositories and never the other way, and the API's records depend on no layer.
 */
class LayeringTest {

    private static final String BASE = "dev.switchboard.registry";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    @Test
    void servicesNeverReachIntoTheRestLayer() {
        noClasses().that().resideInAPackage(BASE + ".service..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".rest..").check(CLASSES);
    }

    @Test
    void repositoriesNeverReachUpToServicesOrResources() {
        noClasses().that().resideInAPackage(BASE + ".repository..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".service..", BASE + ".rest..").check(CLASSES);
    }

    @Test
    void onlyResourcesUseTheRestLayer() {
        noClasses().that().resideOutsideOfPackage(BASE + ".rest..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".rest..").check(CLASSES);
    }

    @Test
    void apiRecordsDependOnNoLayer() {
        noClasses().that().resideInAPackage(BASE + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".service..", BASE + ".rest..",
                        BASE + ".repository..", BASE + ".mapping..", BASE + ".messaging..")
                .check(CLASSES);
    }
}

package dev.switchboard.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers of the README's layout, read from a service's compiled classes: resources call services, services call
 * repositories and never the other way, and the API's records depend on no layer. A service's test extends this and
 * names its base package.
 */
public abstract class LayeringContract {

    /** The service's base package, such as {@code dev.switchboard.registry}. */
    protected abstract String basePackage();

    private JavaClasses classes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage());
    }

    private String layer(String name) {
        return basePackage() + "." + name + "..";
    }

    @Test
    void servicesNeverReachIntoTheRestLayer() {
        noClasses().that().resideInAPackage(layer("service"))
                .should().dependOnClassesThat().resideInAPackage(layer("rest")).check(classes());
    }

    @Test
    void repositoriesNeverReachUpToServicesOrResources() {
        noClasses().that().resideInAPackage(layer("repository"))
                .should().dependOnClassesThat().resideInAnyPackage(layer("service"), layer("rest")).check(classes());
    }

    @Test
    void onlyResourcesUseTheRestLayer() {
        noClasses().that().resideOutsideOfPackage(layer("rest"))
                .should().dependOnClassesThat().resideInAPackage(layer("rest")).check(classes());
    }

    @Test
    void apiRecordsDependOnNoLayer() {
        noClasses().that().resideInAPackage(layer("api"))
                .should().dependOnClassesThat().resideInAnyPackage(layer("service"), layer("rest"), layer("repository"),
                        layer("mapping"), layer("messaging"))
                .check(classes());
    }
}

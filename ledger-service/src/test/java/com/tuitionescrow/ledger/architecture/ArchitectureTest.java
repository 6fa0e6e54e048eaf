package com.tuitionescrow.ledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.web.bind.annotation.RestController;

/** The boundaries the layout promises, kept true as the code grows. */
@AnalyzeClasses(packages = "com.tuitionescrow.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "com.tuitionescrow.ledger";

    /** The double-entry core is plain Java: no framework, no persistence, no HTTP contract. */
    @ArchTest
    static final ArchRule accounting_core_is_plain_java = classes()
            .that().resideInAPackage(ROOT + ".accounting..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".accounting..", "java..");

    /** The shared kernel knows the contract's problem codes and nothing of frameworks. */
    @ArchTest
    static final ArchRule shared_kernel_is_plain_java = classes()
            .that().resideInAPackage(ROOT + ".shared..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".shared..", ROOT + ".api.common..", "java..");

    /** Aggregates decide from their own events: no database, no web, no Spring, no read models. */
    @ArchTest
    static final ArchRule aggregates_touch_no_infrastructure = noClasses()
            .that().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", ROOT + ".schema..", "java.sql..",
                    "org.springframework.web..", "org.springframework.jdbc..", ROOT + ".platform..");

    /** Controllers go through a service or a query class; none writes SQL or dispatches commands. */
    @ArchTest
    static final ArchRule controllers_stay_thin = noClasses()
            .that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", ROOT + ".schema..", "org.axonframework..");

    /** The platform serves the features and knows none of them. */
    @ArchTest
    static final ArchRule platform_knows_no_feature = noClasses()
            .that().resideInAPackage(ROOT + ".platform..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".institution..", ROOT + ".enrollment..",
                    ROOT + ".bank..", ROOT + ".settlement..", ROOT + ".audit..", ROOT + ".journal..", ROOT + ".instruction..",
                    ROOT + ".release..", ROOT + ".reconciliation..");

    /** Features depend on each other in one direction only. */
    @ArchTest
    static final ArchRule features_are_free_of_cycles = slices()
            .matching(ROOT + ".(*)..")
            .should().beFreeOfCycles();

    /** Institutions stand alone; enrollment does not reach bank, settlement or audit. */
    @ArchTest
    static final ArchRule institution_stands_alone = noClasses()
            .that().resideInAPackage(ROOT + ".institution..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".enrollment..", ROOT + ".bank..",
                    ROOT + ".settlement..", ROOT + ".audit..", ROOT + ".journal..", ROOT + ".instruction..",
                    ROOT + ".release..", ROOT + ".reconciliation..");

    @ArchTest
    static final ArchRule enrollment_does_not_reach_downstream = noClasses()
            .that().resideInAPackage(ROOT + ".enrollment..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".bank..", ROOT + ".settlement..", ROOT + ".audit..",
                    ROOT + ".journal..", ROOT + ".instruction..", ROOT + ".release..", ROOT + ".reconciliation..");
}

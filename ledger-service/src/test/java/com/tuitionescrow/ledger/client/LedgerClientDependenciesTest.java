package com.tuitionescrow.ledger.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The client stays light enough for any bank or platform to embed: the JDK, Jackson and the contract, nothing more. */
@AnalyzeClasses(packages = "com.tuitionescrow.ledger.api.client")
class LedgerClientDependenciesTest {

    @ArchTest
    static final ArchRule the_client_needs_only_the_jdk_jackson_and_the_contract = classes()
            .that()
            .resideInAPackage("com.tuitionescrow.ledger.api.client..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..", "javax.crypto..", "com.fasterxml.jackson..", "com.tuitionescrow.ledger.api..");
}

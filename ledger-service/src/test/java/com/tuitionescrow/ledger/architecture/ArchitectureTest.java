package com.tuitionescrow.ledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tuitionescrow.ledger.platform.axon.AggregateLocks;
import com.tuitionescrow.ledger.platform.axon.Projection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.web.bind.annotation.RestController;

/**
 * The boundaries the layout promises (docs/architecture.md, "Packages"), kept true as the code grows.
 * The packages are not listed by hand where they can be found: every top-level package under
 * {@code com.tuitionescrow.ledger} is either one of the few that are not features (the contract, the
 * generated schema, the platform and the two plain-Java kernels) or a feature, and every feature has a
 * place in {@link #FEATURES}, upstream first. A new package that has no place fails the build until it
 * is given one.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String ROOT = "com.tuitionescrow.ledger";

    /** The HTTP contract (ledger-api) and the jOOQ classes generated from the migrations. */
    private static final Set<String> OTHER_MODULES = Set.of("api", "schema");
    /** The plain-Java kernels: the double-entry core, and what every feature shares. */
    private static final Set<String> KERNELS = Set.of("accounting", "shared");
    /** The command path, problems, security and Axon: it serves the features and knows none of them. */
    private static final String PLATFORM = "platform";

    /**
     * The features, upstream first: each may use those before it and none after it. Institutions come
     * first (everything refers to them), the student's prepaid account next (sales, lessons, refunds),
     * then the bank's receipts, the instructions to the bank, the journal, the settlement reads, the
     * reconciliation of statements, the release run and wind-down, the audit reads, the console, and the
     * operator's gauges (monitoring) last.
     */
    static final List<String> FEATURES = List.of(
            "institution",
            "twophase",
            "enrollment",
            "bank",
            "instruction",
            "journal",
            "settlement",
            "reconciliation",
            "release",
            "audit",
            "console",
            "monitoring");

    @ArchTest
    static void every_top_level_package_is_a_kernel_the_platform_another_module_or_a_placed_feature(
            JavaClasses classes) {
        Set<String> found = topLevelPackages(classes);
        Set<String> unplaced = new TreeSet<>(found);
        unplaced.removeAll(OTHER_MODULES);
        unplaced.removeAll(KERNELS);
        unplaced.remove(PLATFORM);
        unplaced.removeAll(FEATURES);
        assertThat(unplaced)
                .as("packages with no place in ArchitectureTest.FEATURES (upstream first): place them")
                .isEmpty();
        assertThat(found)
                .as("every feature of ArchitectureTest.FEATURES exists")
                .containsAll(FEATURES);
    }

    /** Each feature uses only features upstream of it: the declared order is the dependency order. */
    @ArchTest
    static void features_depend_only_on_features_upstream(JavaClasses classes) {
        for (int i = 0; i < FEATURES.size(); i++) {
            List<String> downstream = FEATURES.subList(i + 1, FEATURES.size());
            if (!downstream.isEmpty()) {
                noClasses()
                        .that()
                        .resideInAPackage(inside(FEATURES.get(i)))
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(inside(downstream))
                        .because(FEATURES.get(i) + " is upstream of " + downstream)
                        .check(classes);
            }
        }
    }

    /** The platform serves the features and knows none of them, whatever features there are. */
    @ArchTest
    static void the_platform_knows_no_feature(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage(inside(PLATFORM))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(inside(features(classes)))
                .check(classes);
    }

    /** Neither kernel knows a feature or the platform. */
    @ArchTest
    static void the_kernels_know_no_feature_and_no_platform(JavaClasses classes) {
        List<String> above = new ArrayList<>(features(classes));
        above.add(PLATFORM);
        noClasses()
                .that()
                .resideInAnyPackage(inside(KERNELS))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(inside(above))
                .check(classes);
    }

    /** The double-entry core is plain Java: no framework, no persistence, no HTTP contract. */
    @ArchTest
    static final ArchRule accounting_core_is_plain_java = classes()
            .that()
            .resideInAPackage(ROOT + ".accounting..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(ROOT + ".accounting..", "java..");

    /** The shared kernel knows the contract's problem codes and nothing of frameworks. */
    @ArchTest
    static final ArchRule shared_kernel_is_plain_java = classes()
            .that()
            .resideInAPackage(ROOT + ".shared..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(ROOT + ".shared..", ROOT + ".api.common..", "java..");

    /** Aggregates decide from their own events: no database, no web, no Spring, no read models. */
    @ArchTest
    static final ArchRule aggregates_touch_no_infrastructure = noClasses()
            .that()
            .areAnnotatedWith(Aggregate.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.jooq..",
                    ROOT + ".schema..",
                    "java.sql..",
                    "org.springframework.web..",
                    "org.springframework.jdbc..",
                    ROOT + ".platform..");

    /** Every aggregate leaves concurrency to the event store's unique key: no lock in memory (AxonConfiguration). */
    @ArchTest
    static final ArchRule aggregates_take_no_lock_in_memory = classes()
            .that()
            .areAnnotatedWith(Aggregate.class)
            .should()
            .beAnnotatedWith(DescribedPredicate.describe(
                    "@Aggregate(lockFactory = \"" + AggregateLocks.BEAN + "\")",
                    (JavaAnnotation<?> annotation) -> annotation.getRawType().isEquivalentTo(Aggregate.class)
                            && AggregateLocks.BEAN.equals(
                                    annotation.get("lockFactory").orElse(null))));

    /** Controllers go through a service or a query class; none writes SQL or dispatches commands. */
    @ArchTest
    static final ArchRule controllers_stay_thin = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.jooq..", ROOT + ".schema..", "org.axonframework..");

    /** Features depend on each other in one direction only. */
    @ArchTest
    static final ArchRule features_are_free_of_cycles =
            slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    /**
     * Every event handler sits in a projection that names its processing group and declares, beside
     * it, whether it runs in the command's transaction or after it.
     */
    @ArchTest
    static final ArchRule projections_declare_where_they_run = methods()
            .that()
            .areAnnotatedWith(EventHandler.class)
            .should()
            .beDeclaredInClassesThat()
            .areAnnotatedWith(ProcessingGroup.class)
            .andShould()
            .beDeclaredInClassesThat()
            .areAnnotatedWith(Projection.class);

    private static Set<String> topLevelPackages(JavaClasses classes) {
        Set<String> packages = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            String name = javaClass.getPackageName();
            if (name.startsWith(ROOT + ".")) {
                String rest = name.substring(ROOT.length() + 1);
                int dot = rest.indexOf('.');
                packages.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return packages;
    }

    /** The features as found: every top-level package that is not a kernel, the platform or another module. */
    private static List<String> features(JavaClasses classes) {
        return topLevelPackages(classes).stream()
                .filter(p -> !OTHER_MODULES.contains(p) && !KERNELS.contains(p) && !PLATFORM.equals(p))
                .toList();
    }

    private static String inside(String topLevelPackage) {
        return ROOT + "." + topLevelPackage + "..";
    }

    private static String[] inside(List<String> topLevelPackages) {
        return topLevelPackages.stream().map(ArchitectureTest::inside).toArray(String[]::new);
    }

    private static String[] inside(Set<String> topLevelPackages) {
        return inside(List.copyOf(topLevelPackages));
    }
}

package com.tuitionescrow.ledger.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tuitionescrow.ledger.platform.axon.Projection.Runs;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.mock.env.MockEnvironment;

/**
 * Each projection declares where it runs, and the service runs it there: in the command's transaction
 * on a subscribing processor, or after it on one ordered tracking processor. A projection that does
 * not say, or says two things, stops the start.
 */
class ProjectionProcessorsTest extends LedgerIntegrationTest {

    @Autowired
    private ProjectionProcessors projectionProcessors;

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void given_the_service_when_it_runs_then_every_processor_is_the_kind_its_projections_declare() {
        Map<String, Projection> declared = projectionProcessors.declarations();
        // The journal is no processor: its writer reads the event store itself (JournalWriter).
        assertThat(declared)
                .containsKeys("institution-views", "order-views", "bank-views", "instruction-views")
                .doesNotContainKey("ledger-journal");
        assertThat(processing.eventProcessors().keySet()).isEqualTo(declared.keySet());
        declared.forEach((group, projection) -> {
            EventProcessor processor = processing.eventProcessor(group).orElseThrow();
            switch (projection.value()) {
                case IN_COMMAND_TRANSACTION ->
                    assertThat(processor).as(group).isInstanceOf(SubscribingEventProcessor.class);
                case AFTER_COMMIT -> {
                    assertThat(processor).as(group).isInstanceOf(TrackingEventProcessor.class);
                    assertThat(((TrackingEventProcessor) processor).maxCapacity())
                            .as(group + " threads")
                            .isEqualTo(1);
                }
            }
        });
        assertThat(declared.get("order-views").value()).isEqualTo(Runs.IN_COMMAND_TRANSACTION);
    }

    @Test
    void given_a_projection_that_does_not_declare_where_it_runs_then_the_service_does_not_start() {
        ProjectionProcessors processors = processorsOf(new MockEnvironment(), Undeclared.class, Subscribing.class);

        assertThatThrownBy(processors::declarations)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("group-a")
                .hasMessageContaining("@Projection");
    }

    @Test
    void given_two_projections_of_one_group_that_disagree_then_the_service_does_not_start() {
        ProjectionProcessors processors = processorsOf(new MockEnvironment(), Subscribing.class, Streaming.class);

        assertThatThrownBy(processors::declarations)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("group-b")
                .hasMessageContaining("different processors");
    }

    @Test
    void given_application_yml_also_configures_a_declared_group_then_the_service_does_not_start() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("axon.eventhandling.processors.group-b.batch-size", "500");

        assertThatThrownBy(() -> processorsOf(environment, Subscribing.class).declarations())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("axon.eventhandling.processors.group-b")
                .hasMessageContaining("remove");
    }

    @Test
    void given_projections_that_agree_then_their_group_gets_their_one_declaration() {
        Map<String, Projection> declared = processorsOf(
                        new MockEnvironment()
                                .withProperty("axon.eventhandling.processors.other-group.mode", "tracking"),
                        Subscribing.class,
                        AlsoSubscribing.class)
                .declarations();

        assertThat(declared).containsOnlyKeys("group-b");
        assertThat(declared.get("group-b").value()).isEqualTo(Runs.IN_COMMAND_TRANSACTION);
    }

    private static ProjectionProcessors processorsOf(MockEnvironment environment, Class<?>... projections) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        for (Class<?> projection : projections) {
            beans.registerBeanDefinition(projection.getSimpleName(), new RootBeanDefinition(projection));
        }
        return new ProjectionProcessors(beans, environment);
    }

    @ProcessingGroup("group-a")
    static class Undeclared {}

    @ProcessingGroup("group-b")
    @Projection(Runs.IN_COMMAND_TRANSACTION)
    static class Subscribing {}

    @ProcessingGroup("group-b")
    @Projection(Runs.IN_COMMAND_TRANSACTION)
    static class AlsoSubscribing {}

    @ProcessingGroup("group-b")
    @Projection(value = Runs.AFTER_COMMIT, batchSize = 10)
    static class Streaming {}
}

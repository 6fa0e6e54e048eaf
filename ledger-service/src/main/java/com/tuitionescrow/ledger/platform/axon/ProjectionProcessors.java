package com.tuitionescrow.ledger.platform.axon;

import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One event processor per processing group, of the kind its projections declare with {@link Projection}.
 * The service does not start when a projection leaves it open, when two projections of one group
 * disagree, or when application.yml configures a declared group as well: the declaration on the class
 * is the only one.
 */
@Component
class ProjectionProcessors implements ConfigurerModule {

    private static final String PROPERTIES = "axon.eventhandling.processors.";

    private final ListableBeanFactory beans;
    private final Environment environment;

    ProjectionProcessors(ListableBeanFactory beans, Environment environment) {
        this.beans = beans;
        this.environment = environment;
    }

    @Override
    public void configureModule(Configurer configurer) {
        EventProcessingConfigurer processing = configurer.eventProcessing();
        declarations().forEach((group, projection) -> {
            switch (projection.value()) {
                case IN_COMMAND_TRANSACTION -> processing.registerSubscribingEventProcessor(group);
                case AFTER_COMMIT ->
                    processing.registerTrackingEventProcessor(
                            group,
                            org.axonframework.config.Configuration::eventStore,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(projection.batchSize()));
            }
        });
    }

    /** Every processing group of the application's beans, with the one declaration of its projections. */
    Map<String, Projection> declarations() {
        Map<String, Projection> byGroup = new TreeMap<>();
        for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            String group =
                    beans.findAnnotationOnBean(name, ProcessingGroup.class).value();
            Projection projection = beans.findAnnotationOnBean(name, Projection.class);
            if (projection == null) {
                throw new IllegalStateException("bean " + name + " of processing group " + group
                        + " does not declare where it runs: annotate it with @Projection");
            }
            Projection other = byGroup.putIfAbsent(group, projection);
            if (other != null && !other.equals(projection)) {
                throw new IllegalStateException("the projections of processing group " + group
                        + " declare different processors: " + other + " and " + projection);
            }
            if (Binder.get(environment)
                    .bind(PROPERTIES + group, Bindable.mapOf(String.class, Object.class))
                    .isBound()) {
                throw new IllegalStateException(PROPERTIES + group + " is configured, but the processor of " + group
                        + " is declared by @Projection on its projections; remove the properties");
            }
        }
        return byGroup;
    }
}

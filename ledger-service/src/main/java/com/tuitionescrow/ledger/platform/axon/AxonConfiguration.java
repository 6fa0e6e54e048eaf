package com.tuitionescrow.ledger.platform.axon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.platform.security.Caller;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Axon on PostgreSQL without Axon Server; see docs/architecture.md ("Axon on PostgreSQL") for the reasons. */
@Configuration
class AxonConfiguration {

    /**
     * pgjdbc reports a duplicate key as SQLState 23505, which Axon's default resolver misses: without
     * this, two concurrent appends to one aggregate end in a generic error instead of a retry.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * No lock in memory per aggregate: the event store's unique (aggregate, sequence) key alone decides
     * between concurrent commands, in this instance as across instances. Axon releases its lock when a
     * command's unit of work ends, while the request's transaction may go on with more commands (a
     * batch chunk paying two orders of one student). A request for that student arriving in between
     * takes the lock and waits in PostgreSQL for the transaction's uncommitted events; the
     * transaction's next command then waits for the lock, and both stand still until the lock times
     * out a minute later, the transaction holding a gap in the global index all along. Without the
     * lock the other request waits for the commit, loses the race, and runs again.
     */
    @Bean(AggregateLocks.BEAN)
    LockFactory aggregateLocks() {
        return NullLockFactory.INSTANCE;
    }

    /**
     * Events are stored as JSON with a mapper of their own, not the web's: the web refuses unknown
     * fields, while stored events must stay readable after a field is added.
     */
    @Bean
    @Primary
    Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(accountCodesAsText())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /**
     * The JDBC event store on PostgreSQL, as Axon's auto-configuration would build it; declared
     * here because declaring the event store below turns that auto-configuration off.
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .build();
    }

    /**
     * Axon tells its event streams about new events when its unit of work commits, which here is
     * before the request's database transaction does; a stream that looks then finds nothing and
     * would sleep Axon's default second. A short fetch delay bounds how far the journal trails the
     * commands. It is also how often an idle instance polls for events appended by other instances.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            @Value("${ledger.journal.fetch-delay}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    /** The actor of every command travels into the metadata of the events it causes. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Caller.ACTOR);
    }

    /**
     * Axon's default logs a failing event handler and carries on. For a ledger that would commit a
     * command without its read model, or skip a journal entry; a failure must instead roll the
     * command back, or stop the projection until it can go on.
     */
    @Bean
    ConfigurerModule propagateHandlerFailures() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    private static SimpleModule accountCodesAsText() {
        return new SimpleModule("account-codes")
                .addSerializer(AccountCode.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(AccountCode code, JsonGenerator out, SerializerProvider provider)
                            throws IOException {
                        out.writeString(code.toString());
                    }
                })
                .addDeserializer(AccountCode.class, new JsonDeserializer<>() {
                    @Override
                    public AccountCode deserialize(JsonParser in, DeserializationContext context) throws IOException {
                        return AccountCode.parse(in.getValueAsString());
                    }
                });
    }
}

package com.tuitionescrow.ledger.journal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.tuitionescrow.ledger.accounting.Journaled;
import com.tuitionescrow.ledger.platform.security.Caller;
import java.time.Instant;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.springframework.stereotype.Component;

/**
 * The event store read directly, in global index order: the journal's source. Only events that
 * carry postings are deserialized; the others are read as their index alone, which is all the
 * journal needs of them (they advance its position).
 */
@Component
class StoredEvents {

    /** An event as stored: its global index, its id, its timestamp, its payload if it is journaled, its actor. */
    record StoredEvent(long globalIndex, String eventId, Instant recordedAt, Journaled payload, String actor) {}

    static final Table<Record> DOMAIN_EVENTS = table(name("domainevententry"));
    static final Field<Long> GLOBAL_INDEX = field(name("globalindex"), Long.class);
    private static final Field<String> EVENT_ID = field(name("eventidentifier"), String.class);
    private static final Field<String> PAYLOAD_TYPE = field(name("payloadtype"), String.class);
    private static final Field<String> PAYLOAD_REVISION = field(name("payloadrevision"), String.class);
    private static final Field<byte[]> PAYLOAD = field(name("payload"), byte[].class);
    private static final Field<byte[]> METADATA = field(name("metadata"), byte[].class);
    private static final Field<String> TIMESTAMP = field(name("timestamp"), String.class);

    private final DSLContext db;
    private final Serializer serializer;

    StoredEvents(DSLContext db, Serializer serializer) {
        this.db = db;
        this.serializer = serializer;
    }

    /** Up to {@code limit} events after the global index, in its order. */
    List<StoredEvent> after(long globalIndex, int limit) {
        return select(GLOBAL_INDEX.gt(globalIndex))
                .orderBy(GLOBAL_INDEX)
                .limit(limit)
                .fetch(this::toEvent);
    }

    private SelectConditionStep<Record> select(Condition condition) {
        return db.select(List.of(GLOBAL_INDEX, EVENT_ID, PAYLOAD_TYPE, PAYLOAD_REVISION, PAYLOAD, METADATA, TIMESTAMP))
                .from(DOMAIN_EVENTS)
                .where(condition);
    }

    private StoredEvent toEvent(Record r) {
        SimpleSerializedType type = new SimpleSerializedType(r.get(PAYLOAD_TYPE), r.get(PAYLOAD_REVISION));
        Journaled payload = null;
        String actor = null;
        if (Journaled.class.isAssignableFrom(serializer.classForType(type))) {
            payload = serializer.deserialize(new SimpleSerializedObject<>(r.get(PAYLOAD), byte[].class, type));
            byte[] metadata = r.get(METADATA);
            if (metadata != null) {
                MetaData meta = serializer.deserialize(new SerializedMetaData<>(metadata, byte[].class));
                Object value = meta.get(Caller.ACTOR);
                actor = value == null ? null : value.toString();
            }
        }
        return new StoredEvent(
                r.get(GLOBAL_INDEX), r.get(EVENT_ID), DateTimeUtils.parseInstant(r.get(TIMESTAMP)), payload, actor);
    }
}

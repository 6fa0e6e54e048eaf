package com.tuitionescrow.ledger.shared;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A System.Logger that keeps what it is told, so a test can check the warnings a class gives. */
final class RecordingLogger implements System.Logger {

    record Entry(Level level, String message) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        entries.add(new Entry(level, message));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        entries.add(new Entry(level, params == null ? format : MessageFormat.format(format, params)));
    }
}

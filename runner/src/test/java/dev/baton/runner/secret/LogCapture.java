package dev.baton.runner.secret;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log line written while it is open, with stack traces: through {@code java.util.logging} (where
 * {@code System.Logger} writes without a bridge, at every level) and through Logback (where a Spring Boot server
 * sends both).
 */
public final class LogCapture implements AutoCloseable {

    private final StringBuffer text = new StringBuffer();
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final Level julLevel = julRoot.getLevel();
    private final Handler julHandler = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            text.append(format.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logbackRoot = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> logbackAppender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            text.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
    };

    /** Captures at every level (in a unit test, where nothing else logs). */
    public LogCapture() {
        this(true);
    }

    /**
     * Captures what a running server logs at the levels it is configured with (at every level, its web server
     * would also dump raw requests, which a server never does as configured).
     */
    public static LogCapture atConfiguredLevels() {
        return new LogCapture(false);
    }

    private LogCapture(boolean everyLevel) {
        julHandler.setLevel(Level.ALL);
        if (everyLevel) {
            julRoot.setLevel(Level.ALL);
        }
        julRoot.addHandler(julHandler);
        logbackAppender.setContext(logbackRoot.getLoggerContext());
        logbackAppender.start();
        logbackRoot.addAppender(logbackAppender);
    }

    /** Everything captured so far. */
    public String text() {
        return text.toString();
    }

    @Override
    public void close() {
        julRoot.removeHandler(julHandler);
        julRoot.setLevel(julLevel);
        logbackRoot.detachAppender(logbackAppender);
        logbackAppender.stop();
    }
}

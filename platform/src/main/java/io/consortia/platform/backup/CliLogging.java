package io.consortia.platform.backup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging of the backup commands, which run from the platform's jar without Spring Boot: no one
 * configures Logback, whose default writes every library's DEBUG and INFO line (Flyway building
 * the schema, the JDBC driver) to standard output, among the command's own lines. The commands
 * say what they do themselves, and a failure reaches them as an exception they report in their
 * own words; a library's ERROR line still shows, on standard error. Its warnings (Flyway's about
 * the H2 version it was verified with) tell the user nothing to do. (The jar cannot carry a
 * logback.xml for this: Spring Boot would read it for the platform too.)
 */
final class CliLogging {
    private CliLogging() {}

    static void errorsOnStandardError() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding: its own configuration rules
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> err = new ConsoleAppender<>();
        err.setContext(context);
        err.setTarget("System.err");
        err.setEncoder(encoder);
        err.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.ERROR);
        root.addAppender(err);
    }
}

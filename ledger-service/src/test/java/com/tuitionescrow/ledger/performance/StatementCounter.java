package com.tuitionescrow.ledger.performance;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the service sends to PostgreSQL, by who sends them: the threads serving
 * HTTP requests (the command path) and every other thread (the journal, sweeps). The data source is
 * wrapped, so everything that talks to the database (jOOQ, Axon's event store, Spring's transactions)
 * is counted, each execution of a statement once and a JDBC batch once.
 */
public final class StatementCounter {

    private static final Set<String> EXECUTIONS = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    private static final AtomicLong ON_REQUESTS = new AtomicLong();
    private static final AtomicLong ELSEWHERE = new AtomicLong();

    private StatementCounter() {}

    /** Statements sent so far by threads serving HTTP requests. */
    public static long onRequests() {
        return ON_REQUESTS.get();
    }

    /** Statements sent so far by every other thread. */
    public static long elsewhere() {
        return ELSEWHERE.get();
    }

    @TestConfiguration
    public static class Wrapping {
        @Bean
        static BeanPostProcessor countStatements() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource dataSource && beanName.equals("dataSource")
                            ? proxy(DataSource.class, dataSource)
                            : bean;
                }
            };
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (self, method, args) -> {
            Object result = invoke(method, target, args);
            if (result instanceof Connection connection && !method.getName().equals("unwrap")) {
                return proxy(Connection.class, connection);
            }
            if (result instanceof Statement statement && type == Connection.class) {
                return proxy(statementType(statement), statement);
            }
            if (target instanceof Statement && EXECUTIONS.contains(method.getName())) {
                (Thread.currentThread().getName().startsWith("http-nio") ? ON_REQUESTS : ELSEWHERE).incrementAndGet();
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @SuppressWarnings("unchecked")
    private static <S extends Statement> Class<S> statementType(Statement statement) {
        if (statement instanceof java.sql.CallableStatement) {
            return (Class<S>) java.sql.CallableStatement.class;
        }
        if (statement instanceof java.sql.PreparedStatement) {
            return (Class<S>) java.sql.PreparedStatement.class;
        }
        return (Class<S>) Statement.class;
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

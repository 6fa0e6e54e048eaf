package com.tuitionescrow.ledger.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller (or one handler method) as the custody bank's channel: every route it maps is
 * signed (docs/api.md, "Bank signatures") and takes the bank's larger body limit. The signature filter
 * and the body limits derive the routes they guard from this mark ({@link Routes}), so a new bank
 * endpoint is guarded by being marked, and a test fails for a {@code /v1/bank/**} handler that is not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BankChannel {}

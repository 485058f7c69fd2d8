package de.timkim.api.ops.admin;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource needs the operator's credentials (HTTP Basic plus {@code X-TIM-OTP}), whatever else
 * switches it on: the test tools move the clock and sign with cards (security review, finding 25).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OperatorOnly {}

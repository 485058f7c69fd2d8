package de.timkim.api.ops.admin;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource needs an Org-Admin's credentials (HTTP Basic plus {@code X-TIM-OTP}); {@link
 * AdminCredentialsFilter} checks them before the method runs and leaves the admin in {@link
 * CurrentAdmin}, as {@code @Authenticated} does for Matrix access tokens.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminAuthenticated {}

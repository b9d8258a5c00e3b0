package vn.hotline1022.commons.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks an endpoint that anyone may call without signing in (a public list, citizen tracking): each client address
 * gets a budget of requests per minute ({@code hotline.public-rate-limit.per-minute}), then 429.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RateLimited {
}

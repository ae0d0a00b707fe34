package bakery.notify.mail;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the notification worker writes and sends e-mails. Keys and environment overrides are in application.properties. */
@ConfigMapping(prefix = "bakery.notify")
public interface NotifyConfig {

    /** The bakery's name as customers know it, in subjects and signatures. */
    @WithDefault("FADU Bakery")
    String shopName();

    /** Pickup times are written in the bakery's own time zone. */
    @WithDefault("Europe/Berlin")
    ZoneId zone();

    @WithDefault("en-IE")
    Locale locale();

    @WithDefault("EUR")
    String currency();

    /**
     * How long a claim on one (order, status) e-mail guards a send in progress; longer than all attempts and backoffs together.
     */
    @WithDefault("2m")
    Duration claimTtl();

    /** How long one SMTP attempt may take before it counts as failed (and is retried). */
    @WithDefault("10s")
    Duration sendTimeout();

    /** How long a sent e-mail is remembered, so a redelivered status event sends no second one. */
    @WithDefault("30d")
    Duration sentMemory();

    Retry retry();

    /** SMTP failures are retried with exponential backoff, then the status event goes to the dead-letter topic. */
    interface Retry {

        @WithDefault("5")
        int retries();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }
}

package bakery.web.limits;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;

/**
 * How much one stranger may repeat, across every web node (docs/security.md, "Abuse limits"). Each
 * limit allows {@code per-*} requests per {@code period}: that many at once, then one every
 * {@code period / per-*} as the allowance refills. A dimension left out is not limited.
 */
@ConfigMapping(prefix = "bakery.web.limits")
public interface AbuseLimits {

    /** Adding, changing and removing cart lines (JSON API and forms). */
    Limit cartWrites();

    /** Checkout attempts, a retry with the same key included. */
    Limit checkouts();

    /** Staff sign-in attempts, whatever their outcome. */
    Limit signIns();

    /** Failed staff sign-ins: per account (guessing one password) and per address (trying many accounts). */
    Limit signInFailures();

    /** Live pages (server-sent events) open at once. */
    LiveStreams liveStreams();

    interface Limit {

        Duration period();

        OptionalInt perSession();

        OptionalInt perAccount();

        OptionalInt perAddress();
    }

    interface LiveStreams {

        /** Per customer session or staff sign-in, across every node. */
        int perSession();

        /** On one node, whoever opened them. */
        int perNode();
    }
}

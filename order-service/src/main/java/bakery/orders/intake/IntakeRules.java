package bakery.orders.intake;

import io.smallrye.config.ConfigMapping;

/** The bakery's limits on one order. */
@ConfigMapping(prefix = "bakery.orders.intake")
public interface IntakeRules {

    /** Most lines one order may have. */
    int maxLines();

    /** Most pieces of one product per line (at least one). */
    int maxQuantity();
}

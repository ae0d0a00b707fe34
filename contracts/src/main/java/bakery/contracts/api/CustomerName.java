package bakery.contracts.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who an order is for, as the board and the order page show it: the name. The customer's e-mail address stays
 * where the bakery mails from (order-service's database, the {@code orders.status} events the notifier reads); no
 * page shows it, so no view carries it.
 */
public record CustomerName(String name) {

    /**
     * Written where the address used to be, for readers of the release before: their view required a non-blank
     * {@code customer.email}. It is no address of anyone (RFC 2606 reserves {@code .invalid}); this release never
     * reads it. Drop it once no reader of the release before runs.
     */
    public static final String WITHHELD_EMAIL = "withheld@example.invalid";

    @JsonProperty(value = "email", access = JsonProperty.Access.READ_ONLY)
    public String withheldEmail() {
        return WITHHELD_EMAIL;
    }
}

package bakery.web.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The resource method counts against a limit of {@link AbuseLimits}; over it, the request gets 429. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Limited {

    Action value();

    /** What a request does, as the limits name it. */
    enum Action {
        CART_WRITE("cart-writes", "changes to a cart"),
        CHECKOUT("checkouts", "checkouts");

        final String key;
        final String inWords;

        Action(String key, String inWords) {
            this.key = key;
            this.inWords = inWords;
        }
    }
}

package bakery.load.chaos;

import java.util.List;

/**
 * One long-lived cart: the quantity the last acknowledged change set, the quantities of later changes
 * that got no clear answer (they may or may not have happened), and what the cart holds at the end.
 * The cart is intact when it holds the acknowledged quantity or one of those later attempts.
 */
public record CartCheck(String sku, Integer acknowledged, List<Integer> unanswered, Integer found) {

    public boolean intact() {
        if (found == null) {
            // Never acknowledged: the first add may not have happened at all.
            return acknowledged == null;
        }
        return found.equals(acknowledged) || unanswered.contains(found);
    }
}

package bakery.web.cart;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** PUT /api/cart/items/{sku}: how many of the product the cart should now hold. */
public record ChangeQuantity(@Min(CartLimits.MIN_QUANTITY) @Max(CartLimits.MAX_QUANTITY) int quantity) {
}

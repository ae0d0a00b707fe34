package bakery.web.cart;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /api/cart/items: put {@code quantity} more of a product in the cart. */
public record AddItem(
        @NotBlank @Size(max = 64) String sku,
        @Min(CartLimits.MIN_QUANTITY) @Max(CartLimits.MAX_QUANTITY) int quantity) {
}

package bakery.contracts.api;

/**
 * The work the ovens still have ahead (GET /orders/oven-queue): the orders accepted or baking and the oven time they
 * need, each order counted at its slowest product's bake time (an order bakes as one batch). Checkout offers pickup
 * slots from it.
 */
public record OvenQueue(long orders, long ovenSeconds) {
}

package bakery.web.session;

/**
 * A customer's session as this request sees it. {@code fresh} says it was opened by this request,
 * so the response must hand out the cookie. The Redis keys of everything the session owns derive
 * from the hash of the id, never the id itself.
 */
public record Session(String id, String storageKey, String csrfToken, boolean fresh) {

    public String sessionKey() {
        return "session:" + storageKey;
    }

    public String cartKey() {
        return "cart:" + storageKey;
    }

    public String ordersKey() {
        return "orders:" + storageKey;
    }

    public String checkoutKey(String idempotencyKey) {
        return "checkout:" + storageKey + ":" + idempotencyKey;
    }

    /** What the cart held when the key was first used (a hash of its lines), to tell a retry from another order. */
    public String checkoutCartKey(String idempotencyKey) {
        return "checkout-cart:" + storageKey + ":" + idempotencyKey;
    }

    /**
     * Whose idempotency keys these are, as orders tell order-service: a hash of the storage key, so
     * neither the id nor the Redis keys can be recovered from an order.
     */
    public String idempotencyScope() {
        return SessionId.storageKey("idempotency-scope:" + storageKey);
    }
}

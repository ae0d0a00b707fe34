package bakery.contracts;

/** Who placed an order and where to tell them it is ready. */
public record Customer(String name, String email) {

    public Customer {
        Require.text(name, "customer.name");
        Require.text(email, "customer.email");
    }
}

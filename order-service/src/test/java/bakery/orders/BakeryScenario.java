package bakery.orders;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test that plays the bakery around order-service: a fresh {@link Bakery} for each test, closed after it. */
public abstract class BakeryScenario {

    protected Bakery bakery;

    @BeforeEach
    protected void openBakery() {
        bakery = new Bakery();
    }

    @AfterEach
    protected void closeBakery() {
        bakery.close();
    }
}

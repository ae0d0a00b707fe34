package bakery.defaults;

/**
 * What a consumer node is still doing with records it took from Kafka (orders in the oven, say). A
 * node taken out of rotation ({@link ConsumerRotation}) leaves its partitions at once and then lets
 * this reach 0 before it calls itself drained. A service without such work implements nothing.
 */
public interface WorkInHand {

    /** Records taken from Kafka and not finished yet. */
    int inHand();
}

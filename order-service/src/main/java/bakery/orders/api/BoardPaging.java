package bakery.orders.api;

import io.smallrye.config.ConfigMapping;

/** Limits of one page of the order board. */
@ConfigMapping(prefix = "bakery.orders.board")
public interface BoardPaging {

    /** Largest page a client may ask for. */
    int maxPageSize();
}

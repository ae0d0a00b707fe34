package bakery.orders.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Looks products up inside the intake's transaction, so an order is judged against the prices
 * that hold when it is stored (no cache that could be a price change behind).
 */
@ApplicationScoped
public class StoredCatalog {

    public Uni<Map<String, CatalogEntry>> find(SqlClient client, Collection<String> skus) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("SELECT sku, name, price_cents, bake_seconds FROM product WHERE sku = ANY($1)")
                .execute(Tuple.of(skus.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, CatalogEntry> entries = new HashMap<>();
                    for (Row row : rows) {
                        entries.put(row.getString("sku"), new CatalogEntry(row.getString("sku"), row.getString("name"),
                                row.getLong("price_cents"), row.getInteger("bake_seconds")));
                    }
                    return entries;
                });
    }
}

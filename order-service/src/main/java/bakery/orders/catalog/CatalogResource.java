package bakery.orders.catalog;

import bakery.contracts.api.Product;
import bakery.orders.persistence.ProductEntity;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The catalog the storefront shows (service tier only: the web nodes cache it). */
@Path("/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    @GET
    public Uni<List<Product>> catalog() {
        return ProductEntity.<ProductEntity>listAll(Sort.by("name"))
                .map(products -> products.stream().map(ProductEntity::toProduct).toList());
    }
}

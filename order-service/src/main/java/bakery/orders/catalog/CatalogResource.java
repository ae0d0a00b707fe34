package bakery.orders.catalog;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import bakery.contracts.api.Product;
import bakery.orders.persistence.ProductEntity;

/** The catalog the storefront shows (service tier only: the web nodes cache it). */
@Path("/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    @GET
    public Uni<List<Product>> catalog() {
        return ProductEntity.<ProductEntity> listAll(Sort.by("name"))
                .map(products -> products.stream().map(ProductEntity::toProduct).toList());
    }
}

package bakery.web.catalog;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

import bakery.contracts.api.Product;

/** The catalog: the storefront's front page and the same list as JSON. */
@PermitAll
@Path("/")
public class CatalogResource {

    @Inject
    CatalogCopy catalog;
    @Inject
    Template index;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page() {
        return catalog.products().map(products -> index.data("products", products));
    }

    @GET
    @Path("/api/catalog")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<Product>> products() {
        return catalog.products();
    }
}

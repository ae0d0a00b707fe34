package bakery.web.catalog;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import bakery.contracts.api.OrderPage;
import bakery.contracts.api.OrderView;
import bakery.contracts.api.OvenQueue;
import bakery.contracts.api.Product;

/** The order-service's internal query API: the catalog and order snapshots. Timeouts in application.properties. */
@RegisterRestClient(configKey = "order-service")
public interface OrderServiceClient {

    @GET
    @Path("/catalog")
    Uni<List<Product>> catalog();

    @GET
    @Path("/orders/{id}")
    Uni<OrderView> order(@PathParam("id") UUID id);

    @GET
    @Path("/orders/oven-queue")
    Uni<OvenQueue> ovenQueue();

    @GET
    @Path("/orders/active")
    Uni<OrderPage> active(@QueryParam("page") int page, @QueryParam("size") int size, @QueryParam("after") String after);
}
